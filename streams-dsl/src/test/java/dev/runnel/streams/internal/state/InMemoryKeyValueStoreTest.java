package dev.runnel.streams.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.errors.InvalidStateStoreException;
import dev.runnel.streams.state.KeyValueIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-memory key-value store against a {@link TreeMap} model ordered like {@link Bytes}. Seeded: replay a
 * failure with {@code -Dtest.seed=<seed>}.
 */
class InMemoryKeyValueStoreTest {
    static LongStream seeds() {
        String replay = System.getProperty("test.seed");
        return replay != null ? LongStream.of(Long.parseLong(replay)) : LongStream.range(1, 51);
    }

    private static InMemoryKeyValueStore openStore() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore("kv");
        store.init(new RecordingStoreContext(), store);
        return store;
    }

    /** Short keys over a tiny alphabet that includes bytes above 0x7F, so signed and unsigned order differ. */
    private static Bytes randomKey(SplittableRandom random) {
        byte[] alphabet = {0x00, 0x01, 0x41, 0x7F, (byte) 0x80, (byte) 0xFF};
        byte[] key = new byte[random.nextInt(4)];
        for (int i = 0; i < key.length; i++) {
            key[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return Bytes.wrap(key);
    }

    private static List<String> drain(KeyValueIterator<Bytes, byte[]> iterator) {
        List<String> entries = new ArrayList<>();
        try (iterator) {
            while (iterator.hasNext()) {
                KeyValue<Bytes, byte[]> next = iterator.next();
                entries.add(next.key + "=" + Arrays.toString(next.value));
            }
        }
        return entries;
    }

    private static List<String> render(Map<Bytes, byte[]> view) {
        List<String> entries = new ArrayList<>();
        view.forEach((key, value) -> entries.add(key + "=" + Arrays.toString(value)));
        return entries;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldMatchSortedMapModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        InMemoryKeyValueStore store = openStore();
        NavigableMap<Bytes, byte[]> model = new TreeMap<>();
        for (int step = 0; step < 300; step++) {
            Bytes key = randomKey(random);
            byte[] value = random.nextInt(5) == 0 ? null : new byte[] {(byte) random.nextInt(256)};
            String where = "seed " + seed + ", step " + step + ", key " + key;
            switch (random.nextInt(7)) {
                case 0, 1 -> {
                    store.put(key, value);
                    if (value == null) {
                        model.remove(key);
                    } else {
                        model.put(key, value);
                    }
                }
                case 2 -> {
                    byte[] stored = store.putIfAbsent(key, value);
                    assertArrayEquals(model.get(key), stored, where);
                    if (stored == null && value != null) {
                        model.put(key, value);
                    }
                }
                case 3 -> assertArrayEquals(model.remove(key), store.delete(key), where);
                case 4 -> {
                    Bytes other = randomKey(random);
                    Bytes from = key.compareTo(other) <= 0 ? key : other;
                    Bytes to = key.compareTo(other) <= 0 ? other : key;
                    NavigableMap<Bytes, byte[]> expected = model.subMap(from, true, to, true);
                    assertEquals(render(expected), drain(store.range(from, to)), where + " range to " + to);
                    assertEquals(render(expected.descendingMap()), drain(store.reverseRange(from, to)),
                        where + " reverseRange to " + to);
                    if (from.compareTo(to) < 0) {
                        assertEquals(List.of(), drain(store.range(to, from)), where + " inverted range is empty");
                    }
                }
                case 5 -> {
                    byte[] prefix = Arrays.copyOf(key.get(), Math.min(key.get().length, 1 + random.nextInt(2)));
                    List<String> expected = new ArrayList<>();
                    model.forEach((k, v) -> {
                        if (k.get().length >= prefix.length
                            && Arrays.equals(Arrays.copyOf(k.get(), prefix.length), prefix)) {
                            expected.add(k + "=" + Arrays.toString(v));
                        }
                    });
                    assertEquals(expected, drain(store.prefixScan(prefix, Serdes.ByteArray().serializer())),
                        where + " prefix " + Bytes.wrap(prefix));
                }
                default -> assertArrayEquals(model.get(key), store.get(key), where);
            }
            assertEquals(model.size(), store.approximateNumEntries(), "seed " + seed + ", step " + step);
        }
        assertEquals(render(model), drain(store.all()), "seed " + seed);
        assertEquals(render(model.descendingMap()), drain(store.reverseAll()), "seed " + seed);
        assertEquals(render(model.headMap(Bytes.wrap(new byte[] {0x41}), true)),
            drain(store.range(null, Bytes.wrap(new byte[] {0x41}))), "seed " + seed + " open lower bound");
    }

    @Test
    void shouldOrderKeysAsUnsignedBytes() {
        InMemoryKeyValueStore store = openStore();
        store.put(Bytes.wrap(new byte[] {(byte) 0x80}), new byte[] {1});
        store.put(Bytes.wrap(new byte[] {0x01}), new byte[] {2});
        store.put(Bytes.wrap(new byte[] {0x01, 0x00}), new byte[] {3});
        assertEquals(List.of("\\x01=[2]", "\\x01\\x00=[3]", "\\x80=[1]"), drain(store.all()));
    }

    @Test
    void shouldIterateOverSnapshotWhileStoreChanges() {
        InMemoryKeyValueStore store = openStore();
        store.put(Bytes.wrap(new byte[] {1}), new byte[] {1});
        store.put(Bytes.wrap(new byte[] {2}), new byte[] {2});
        try (KeyValueIterator<Bytes, byte[]> iterator = store.all()) {
            store.delete(Bytes.wrap(new byte[] {2}));
            store.put(Bytes.wrap(new byte[] {3}), new byte[] {3});
            assertEquals(Bytes.wrap(new byte[] {1}), iterator.peekNextKey());
            assertEquals(Bytes.wrap(new byte[] {1}), iterator.next().key);
            assertEquals(Bytes.wrap(new byte[] {2}), iterator.next().key);
            assertFalse(iterator.hasNext());
        }
    }

    @Test
    void shouldRejectUseAfterClose() {
        InMemoryKeyValueStore store = openStore();
        store.close();
        assertFalse(store.isOpen());
        assertThrows(InvalidStateStoreException.class, () -> store.get(Bytes.wrap(new byte[] {1})));
    }
}
