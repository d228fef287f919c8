package dev.runnel.streams.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnel.common.utils.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CachingKeyValueStoreTest {
    private static Bytes key(String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static final class Fixture {
        final RecordingStoreContext context;
        final InMemoryKeyValueStore inner = new InMemoryKeyValueStore("store");
        final CachingKeyValueStore store = new CachingKeyValueStore(new ChangeLoggingKeyValueBytesStore(inner, false));
        final List<String> flushed = new ArrayList<>();

        Fixture(long cacheBytes) {
            ThreadCache cache = new ThreadCache(cacheBytes);
            context = new RecordingStoreContext() {
                @Override
                public ThreadCache threadCache() {
                    return cache;
                }
            };
            store.init(context, store);
            store.setFlushListener((k, newValue, oldValue, ts) -> flushed.add(new String(k.get(),
                StandardCharsets.UTF_8) + "=" + (newValue == null ? null : new String(newValue,
                StandardCharsets.UTF_8)) + "/" + (oldValue == null ? null : new String(oldValue,
                StandardCharsets.UTF_8))), true);
        }
    }

    @Test
    void shouldCollapseUpdatesOfAKeyUntilFlush() {
        Fixture fixture = new Fixture(1 << 20);
        fixture.store.put(key("a"), value("1"));
        fixture.store.put(key("a"), value("2"));
        fixture.store.put(key("b"), value("1"));
        fixture.store.put(key("a"), value("3"));
        assertArrayEquals(value("3"), fixture.store.get(key("a")), "reads see the cache");
        assertEquals(List.of(), fixture.context.changelog, "nothing written down before flush");
        assertNull(fixture.inner.get(key("a")));

        fixture.store.flush();
        assertEquals(List.of("b=1/null", "a=3/null"), fixture.flushed, "one record per key, in last-update order");
        assertEquals(2, fixture.context.changelog.size());
        assertArrayEquals(value("3"), fixture.inner.get(key("a")));

        fixture.store.delete(key("a"));
        fixture.store.flush();
        assertEquals("a=null/3", fixture.flushed.get(2), "a deletion flushes with the old value");
        assertNull(fixture.inner.get(key("a")));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldMatchAnUncachedModelUnderEvictionPressure(long seed) {
        // A cache too small for the key space evicts dirty entries all the time; the store must still end equal.
        Fixture fixture = new Fixture(20 * (ThreadCache.ENTRY_OVERHEAD_BYTES + 8));
        Map<String, String> model = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 5_000; i++) {
            String k = "k" + random.nextInt(100);
            if (random.nextInt(10) == 0) {
                fixture.store.delete(key(k));
                model.remove(k);
            } else {
                String v = Integer.toString(i);
                fixture.store.put(key(k), value(v));
                model.put(k, v);
            }
            String probe = "k" + random.nextInt(100);
            byte[] read = fixture.store.get(key(probe));
            assertEquals(model.get(probe), read == null ? null : new String(read, StandardCharsets.UTF_8),
                "seed=" + seed + " step=" + i + " key=" + probe);
        }
        fixture.store.flush();
        Map<String, String> stored = new TreeMap<>();
        try (var all = fixture.inner.all()) {
            all.forEachRemaining(kv -> stored.put(new String(kv.key.get(), StandardCharsets.UTF_8),
                new String(kv.value, StandardCharsets.UTF_8)));
        }
        assertEquals(model, stored, "seed=" + seed);
        assertEquals(0, fixture.store.dirtyCount());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldMatchAnUncachedModelForReadModifyWritesUnderEvictionPressure(long seed) {
        // get-then-put of one key with a value of the same size updates the cached entry in place; evictions and
        // flushes in between must neither lose nor resurrect an update.
        Fixture fixture = new Fixture(20 * (ThreadCache.ENTRY_OVERHEAD_BYTES + 8));
        Map<String, String> model = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 5_000; i++) {
            String k = "k" + random.nextInt(random.nextBoolean() ? 10 : 100);
            Bytes raw = key(k);
            byte[] read = fixture.store.get(raw);
            assertEquals(model.get(k), read == null ? null : new String(read, StandardCharsets.UTF_8),
                "seed=" + seed + " step=" + i + " key=" + k);
            String v = String.format(java.util.Locale.ROOT, "%06d", i % (random.nextInt(20) == 0 ? 99 : 999_999));
            fixture.store.put(raw, value(v));
            model.put(k, v);
            if (random.nextInt(500) == 0) {
                fixture.store.flush();
            }
        }
        fixture.store.flush();
        Map<String, String> stored = new TreeMap<>();
        try (var all = fixture.inner.all()) {
            all.forEachRemaining(kv -> stored.put(new String(kv.key.get(), StandardCharsets.UTF_8),
                new String(kv.value, StandardCharsets.UTF_8)));
        }
        assertEquals(model, stored, "seed=" + seed);
        assertEquals(0, fixture.store.dirtyCount());
    }

    @Test
    void shouldFlushTheLastValueOfAKeyUpdatedInPlace() {
        Fixture fixture = new Fixture(1 << 20);
        fixture.store.put(key("a"), value("1"));
        fixture.store.put(key("b"), value("1"));
        for (int i = 2; i <= 5; i++) {
            Bytes a = key("a");
            fixture.store.get(a);
            fixture.store.put(a, value(Integer.toString(i)));
        }
        assertArrayEquals(value("5"), fixture.store.get(key("a")));
        fixture.store.flush();
        assertEquals(List.of("b=1/null", "a=5/null"), fixture.flushed, "in last-update order");
        Bytes a = key("a");
        fixture.store.get(a);
        fixture.store.put(a, value("6"));
        fixture.store.flush();
        assertEquals("a=6/5", fixture.flushed.get(2), "an entry flushed clean is replaced, not updated in place");
    }
}
