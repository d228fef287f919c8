package dev.runnel.streams.internal.state;

import static dev.runnel.streams.internal.state.StoreBytes.key;
import static dev.runnel.streams.internal.state.StoreBytes.string;
import static dev.runnel.streams.internal.state.StoreBytes.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.KeyValueIterator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CachingKeyValueStoreTest {
    private static final class Fixture {
        final RecordingStoreContext context;
        final InMemoryKeyValueStore inner = new InMemoryKeyValueStore("store");
        final CachingKeyValueStore store = new CachingKeyValueStore(new ChangeLoggingKeyValueBytesStore(inner));
        final List<String> flushed = new ArrayList<>();
        final ThreadCache cache;

        Fixture(long cacheBytes) {
            this(new ThreadCache(cacheBytes));
        }

        Fixture(ThreadCache cache) {
            this.cache = cache;
            context = new RecordingStoreContext(cache);
            store.init(context, store);
            store.setFlushListener((k, newValue, oldValue, ts) -> flushed.add(string(k.get()) + "=" + string(newValue)
                + "/" + string(oldValue)), true);
        }

        /** Checks the invariants of the cache and the caching store, as after every step of a model test. */
        void checkInvariants() {
            cache.checkInvariants();
            store.checkInvariants();
        }

        /** Flushes the cache and returns what the store under it holds. */
        Map<String, String> flushedToStore() {
            store.flush();
            Map<String, String> stored = new TreeMap<>();
            try (var all = inner.all()) {
                all.forEachRemaining(kv -> stored.put(string(kv.key.get()), string(kv.value)));
            }
            return stored;
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

    /** As in Kafka, with a flush listener, deleting a key the store does not hold writes and forwards nothing. */
    @Test
    void shouldWriteNothingDownForTheDeletionOfAKeyTheStoreDoesNotHold() {
        Fixture fixture = new Fixture(1 << 20);
        fixture.store.put(key("a"), value("1"));
        fixture.store.delete(key("a"));
        fixture.store.delete(key("b"));
        fixture.store.flush();
        assertEquals(List.of(), fixture.flushed);
        assertEquals(List.of(), fixture.context.changelog);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldMatchAnUncachedModelWhenTheCacheFillsWithDirtyEntries(long seed) {
        // A cache too small for the key space writes the store down all the time; the store must still end equal.
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
            assertEquals(model.get(probe), string(read),
                "seed=" + seed + " step=" + i + " key=" + probe);
            fixture.checkInvariants();
        }
        assertEquals(model, fixture.flushedToStore(), "seed=" + seed);
        assertEquals(0, fixture.store.dirtyCount());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldMatchAnUncachedModelForReadModifyWritesWhenTheCacheFillsWithDirtyEntries(long seed) {
        // get-then-put of one key updates the cached entry in place, whatever the new value's size; write-downs of a
        // full cache and flushes in between must neither lose nor resurrect an update.
        Fixture fixture = new Fixture(20 * (ThreadCache.ENTRY_OVERHEAD_BYTES + 8));
        Map<String, String> model = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 5_000; i++) {
            String k = "k" + random.nextInt(random.nextBoolean() ? 10 : 100);
            Bytes raw = key(k);
            byte[] read = fixture.store.get(raw);
            assertEquals(model.get(k), string(read),
                "seed=" + seed + " step=" + i + " key=" + k);
            String v = Integer.toString(random.nextInt(1 << random.nextInt(31)));
            fixture.store.put(raw, value(v));
            model.put(k, v);
            fixture.checkInvariants();
            if (random.nextInt(500) == 0) {
                fixture.store.flush();
            }
        }
        assertEquals(model, fixture.flushedToStore(), "seed=" + seed);
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

    @Test
    void shouldCountTheBytesOfDirtyEntriesThroughEveryChange() {
        Fixture fixture = new Fixture(1 << 20);
        ThreadCache cache = fixture.cache;
        int overhead = ThreadCache.ENTRY_OVERHEAD_BYTES;
        fixture.store.put(key("a"), value("1"));
        assertEquals(1 + 1 + overhead, cache.dirtyBytes(), "a new dirty entry");
        Bytes a = key("a");
        fixture.store.get(a);
        fixture.store.put(a, value("12345"));
        assertEquals(1 + 5 + overhead, cache.dirtyBytes(), "an in-place update to a longer value");
        assertEquals(1, cache.size(), "updated in place");
        fixture.store.get(key("miss"));
        fixture.store.put(key("a"), value("12"));
        assertEquals(1 + 2 + overhead, cache.dirtyBytes(), "a new entry (no get before) replacing a dirty one");
        fixture.store.delete(key("bb"));
        assertEquals(1 + 2 + overhead + 2 + overhead, cache.dirtyBytes(), "a deletion is a dirty entry too");
        Bytes bb = key("bb");
        fixture.store.get(bb);
        fixture.store.put(bb, value("123"));
        assertEquals(1 + 2 + overhead + 2 + 3 + overhead, cache.dirtyBytes(), "an in-place update of a deletion");
        cache.checkInvariants();

        fixture.store.flush();
        assertEquals(0, cache.dirtyBytes(), "written down: clean");
        fixture.store.put(key("c"), value("1"));
        assertEquals(1 + 1 + overhead, cache.dirtyBytes());
        fixture.store.close();
        assertEquals(0, cache.dirtyBytes(), "closed: dropped");
        assertEquals(0, cache.size());
        cache.checkInvariants();
    }

    @Test
    void shouldDropWrittenDownEntriesAndWriteDownTheOldestDirtyStoreWhenTheBudgetIsPassed() {
        // Room for 20 entries.
        ThreadCache cache = new ThreadCache(20 * (ThreadCache.ENTRY_OVERHEAD_BYTES + 8));
        Fixture a = new Fixture(cache);
        Fixture b = new Fixture(cache);
        for (int i = 0; i < 30; i++) {
            b.store.put(key("b" + i), value("w"));
            b.store.flush();
            cache.checkInvariants();
        }
        assertEquals(30, b.flushed.size(), "b: each entry written down once, by its flush");
        assertEquals(1, cache.size(), "written-down entries leave the cache at the next flush");
        assertEquals(0, cache.dirtyBytes());

        // a becomes dirty first, so when b's writes pass the budget, a writes down its oldest entries first, in
        // update order, until the cache is a sixty-fourth of its budget below it; b's entries stay cached.
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            a.store.put(key("a" + i), value("v" + i));
            expected.add("a" + i + "=v" + i + "/null");
        }
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(value("v" + i), a.store.get(key("a" + i)), "cached: a" + i);
        }
        int bPuts = 0;
        for (int i = 30; a.flushed.isEmpty() && i < 60; i++) {
            b.store.put(key("b" + i), value("w"));
            bPuts++;
            cache.checkInvariants();
        }
        assertEquals(expected.subList(0, 1), a.flushed,
            "21 entries of 100 bytes: 1 written down to be within 20 - 20/64 entries' budget");
        assertEquals(13, bPuts, "the write that passed 20 entries: 8 of a and 13 of b");
        assertEquals(30, b.flushed.size(), "b is within the budget again without a write-down");
        a.store.flush();
        assertEquals(expected, a.flushed, "nothing written twice");
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(value("v" + i), a.store.get(key("a" + i)), "read from the store below: a" + i);
        }
        cache.checkInvariants();
    }

    @Test
    void shouldWriteDownOnlyTheLeastRecentlyUpdatedEntriesWhenTheBudgetIsPassed() {
        // Room for 20 entries of 8 bytes; a write-down for a write past it brings the cache 20/64 entries below.
        Fixture fixture = new Fixture(20 * (ThreadCache.ENTRY_OVERHEAD_BYTES + 8));
        for (int i = 0; i < 20; i++) {
            fixture.store.put(key("k" + i / 10 + i % 10), value("v000" + i % 10));
        }
        Bytes k00 = key("k00");
        fixture.store.get(k00);
        fixture.store.put(k00, value("u0000"));
        assertEquals(List.of(), fixture.flushed, "within the budget");

        fixture.store.put(key("kkk"), value("vvvvv"));
        assertEquals(List.of("k01=v0001/null", "k02=v0002/null"), fixture.flushed,
            "the two least recently updated, in update order; k00, updated again, is newer");
        assertEquals(19, fixture.store.dirtyCount(), "the recently updated keys stay cached");
        assertEquals(19, fixture.store.keptCount(), "written down by a full cache: dropped");
        assertArrayEquals(value("v0001"), fixture.inner.get(key("k01")), "in the store below");
        assertArrayEquals(value("v0001"), fixture.store.get(key("k01")), "read from the store below");
        assertArrayEquals(value("u0000"), fixture.store.get(k00), "read from the cache");
        assertNull(fixture.inner.get(k00), "not written down");
        fixture.checkInvariants();

        fixture.store.flush();
        List<String> rest = new ArrayList<>();
        for (int i = 3; i < 20; i++) {
            rest.add("k" + i / 10 + i % 10 + "=v000" + i % 10 + "/null");
        }
        rest.add("k00=u0000/null");
        rest.add("kkk=vvvvv/null");
        assertEquals(rest, fixture.flushed.subList(2, fixture.flushed.size()), "the rest, in update order");
    }

    @Test
    void shouldHaveDirtyStoresTakeTurnsWritingDownTheirOldestEntries() {
        // Room for 20 entries of 8 bytes, as above: a write past it writes 2 down.
        ThreadCache cache = new ThreadCache(20 * (ThreadCache.ENTRY_OVERHEAD_BYTES + 8));
        Fixture a = new Fixture(cache);
        Fixture b = new Fixture(cache);
        for (int i = 10; i < 20; i++) {
            a.store.put(key("a" + i), value("vvvvv"));
            b.store.put(key("b" + i), value("vvvvv"));
        }
        a.store.put(key("a20"), value("vvvvv"));
        assertEquals(List.of("a10", "a11"), keys(a.flushed), "a became dirty first: its turn first");
        b.store.put(key("b20"), value("vvvvv"));
        b.store.put(key("b21"), value("vvvvv"));
        assertEquals(List.of("b10", "b11"), keys(b.flushed), "then b's");
        assertEquals(2, a.flushed.size(), "a waits for its next turn");
        b.store.put(key("b22"), value("vvvvv"));
        b.store.put(key("b23"), value("vvvvv"));
        assertEquals(List.of("a10", "a11", "a12", "a13"), keys(a.flushed), "a's turn again");
        cache.checkInvariants();
        a.store.checkInvariants();
        b.store.checkInvariants();
    }

    private static List<String> keys(List<String> flushed) {
        return flushed.stream().map(entry -> entry.substring(0, entry.indexOf('='))).toList();
    }

    @Test
    void shouldReadTheNewestValueOfAKeyWrittenDownTwiceWhileAnotherStoreIsDirty() {
        ThreadCache cache = new ThreadCache(1 << 20);
        Fixture a = new Fixture(cache);
        Fixture b = new Fixture(cache);
        a.store.put(key("a"), value("1"));
        b.store.put(key("k"), value("1"));
        b.store.flush();
        b.store.put(key("k"), value("2"));
        b.store.flush();
        assertArrayEquals(value("2"), b.store.get(key("k")), "held out of the cache: read from the store");
        a.store.flush();
        assertArrayEquals(value("2"), b.store.get(key("k")), "put back: the newer entry only");
        assertEquals(0, cache.dirtyBytes());
        cache.checkInvariants();
    }

    @Test
    void shouldReadEntriesNotYetWrittenDownWhileAWriteDownForwards() {
        Fixture fixture = new Fixture(1 << 20);
        List<String> seen = new ArrayList<>();
        // A write-down forwards downstream, where a processor may read the same store (a table joined with itself).
        fixture.store.setFlushListener((k, newValue, oldValue, ts) -> {
            byte[] other = fixture.store.get(key("b"));
            seen.add(string(k.get()) + " sees b=" + string(other));
        }, false);
        fixture.store.put(key("b"), value("1"));
        fixture.store.put(key("a"), value("1"));
        fixture.store.flush();
        fixture.store.put(key("a"), value("2"));
        fixture.store.put(key("b"), value("2"));
        fixture.store.flush();
        assertEquals(List.of("b sees b=1", "a sees b=1", "a sees b=2", "b sees b=2"), seen,
            "b=2 is read from the cache before it is written down");
        fixture.cache.checkInvariants();
    }

    @Test
    void shouldWriteTheRestOfAWriteDownFirstWhenItsForwardingScansTheStore() {
        Fixture fixture = new Fixture(1 << 20);
        List<String> scans = new ArrayList<>();
        fixture.store.setFlushListener((k, newValue, oldValue, ts) -> {
            if (k.equals(key("a"))) {
                scans.add(scan(fixture.store.all()));
                fixture.flushed.add("scan");
            }
            fixture.flushed.add(string(k.get()));
        }, false);
        fixture.store.put(key("a"), value("1"));
        fixture.store.put(key("b"), value("1"));
        fixture.store.put(key("c"), value("1"));
        fixture.store.flush();
        assertEquals(List.of("a=1,b=1,c=1"), scans, "a scan sees every entry, those not yet written down too");
        assertEquals(List.of("b", "c", "scan", "a"), fixture.flushed, "each entry is written down once: the scan,"
            + " while a was being written down, wrote b and c");
        assertEquals(0, fixture.store.dirtyCount());
        fixture.cache.checkInvariants();
    }

    @Test
    void shouldNeverChangeAnArrayItWasGivenOrHasWrittenDown() {
        Fixture fixture = new Fixture(1 << 20);
        byte[] first = value("11");
        byte[] second = value("22");
        fixture.store.put(key("a"), first);
        fixture.store.get(key("a"));
        fixture.store.put(key("a"), second);
        fixture.store.get(key("a"));
        fixture.store.put(key("a"), value("33"));
        assertArrayEquals(value("11"), first, "a caller may keep its array (a byte-array serde passes it on)");
        assertArrayEquals(value("22"), second);
        assertArrayEquals(value("33"), fixture.store.get(key("a")));

        fixture.store.flush();
        byte[] writtenDown = fixture.inner.get(key("a"));
        fixture.store.get(key("a"));
        fixture.store.put(key("a"), value("44"));
        fixture.store.get(key("a"));
        fixture.store.put(key("a"), value("55"));
        assertArrayEquals(value("33"), writtenDown, "the store below holds the written-down array as it was");
        assertArrayEquals(value("55"), fixture.store.get(key("a")));
        fixture.store.flush();
        assertEquals(List.of("a=33/null", "a=55/33"), fixture.flushed);
    }

    @Test
    void shouldGiveInteractiveQueriesWholeValuesWhileTheOwnerOverwritesThemInPlace() throws InterruptedException {
        Fixture fixture = new Fixture(1 << 20);
        byte[] as = value("a".repeat(8192));
        byte[] bs = value("b".repeat(8192));
        fixture.store.put(key("k"), as);
        AtomicReference<String> torn = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!done.get() && torn.get() == null) {
                String read = new String(fixture.store.get(key("k")), StandardCharsets.UTF_8);
                if (!read.equals("a".repeat(8192)) && !read.equals("b".repeat(8192))) {
                    torn.set(read);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 200_000 && torn.get() == null; i++) {
            fixture.store.get(key("k"));
            fixture.store.put(key("k"), i % 2 == 0 ? bs : as);
        }
        done.set(true);
        reader.join();
        assertNull(torn.get(), "a reader on another thread saw a value half overwritten");
    }

    @Test
    void shouldReuseTheEntryOfAKeyUpdatedAgainAfterAWriteDownAndDropThoseNotUpdatedForARound()
        throws InterruptedException {
        Fixture fixture = new Fixture(1 << 20);
        fixture.store.put(key("a"), value("1"));
        fixture.store.put(key("b"), value("1"));
        fixture.store.flush();
        assertEquals(2, fixture.store.keptCount(), "written-down entries stay for the next round");
        assertEquals(2, fixture.cache.size(), "in the thread cache, clean");
        assertEquals(0, fixture.cache.dirtyBytes());

        fixture.store.get(key("a"));
        fixture.store.put(key("a"), value("2"));
        assertEquals(1, fixture.store.dirtyCount(), "an entry updated again is dirty in the thread cache again");
        fixture.store.checkInvariants();
        AtomicReference<byte[]> fromOtherThread = new AtomicReference<>();
        Thread reader = new Thread(() -> fromOtherThread.set(fixture.store.get(key("a"))));
        reader.start();
        reader.join();
        assertArrayEquals(value("2"), fromOtherThread.get(), "interactive queries see it");
        fixture.cache.checkInvariants();

        fixture.store.flush();
        assertEquals(1, fixture.store.keptCount(), "b, clean for a whole round, left");
        assertEquals(1, fixture.cache.size());
        fixture.store.checkInvariants();
        assertArrayEquals(value("2"), fixture.inner.get(key("a")));
        assertArrayEquals(value("1"), fixture.store.get(key("b")), "b is read from the store below");
        assertEquals(List.of("a=1/null", "b=1/null", "a=2/1"), fixture.flushed);
        fixture.cache.checkInvariants();
    }

    @Test
    void shouldWriteDownAtTheNextPutAfterTheCacheShrinks() {
        Fixture fixture = new Fixture(1 << 20);
        fixture.store.put(key("a"), value("1"));
        fixture.store.put(key("b"), value("1"));
        assertEquals(2, fixture.store.dirtyCount());
        fixture.cache.resize(1); // a stream thread was added: this thread's share shrank
        assertEquals(2, fixture.store.dirtyCount(), "applied by the owner, at its next write");
        fixture.store.put(key("c"), value("1"));
        assertEquals(0, fixture.store.dirtyCount());
        assertEquals(List.of("a=1/null", "b=1/null", "c=1/null"), fixture.flushed);
    }

    @Test
    void shouldMergeCachedEntriesIntoScansFromAnotherThreadWithoutFlushing() throws InterruptedException {
        Fixture fixture = new Fixture(1 << 20);
        fixture.store.put(key("a"), value("old"));
        fixture.store.put(key("b"), value("old"));
        fixture.store.put(key("d"), value("old"));
        fixture.store.flush();
        fixture.store.put(key("a"), value("new"));
        fixture.store.delete(key("b"));
        fixture.store.put(key("c"), value("new"));
        List<String> scans = new ArrayList<>();
        Thread query = new Thread(() -> {
            scans.add(scan(fixture.store.all()));
            scans.add(scan(fixture.store.reverseAll()));
            scans.add(scan(fixture.store.range(key("b"), key("c"))));
            scans.add(scan(fixture.store.reverseRange(null, key("b"))));
            scans.add(scan(fixture.store.prefixScan("c", Serdes.String().serializer())));
        });
        query.start();
        query.join();
        assertEquals(List.of("a=new,c=new,d=old", "d=old,c=new,a=new", "c=new", "a=new", "c=new"), scans,
            "the cache's entries win, its deletion hides b");
        assertEquals(3, fixture.store.dirtyCount(), "another thread never flushes");
        assertEquals("a=new,c=new,d=old", scan(fixture.store.all()), "the owner flushes, then scans the store");
        assertEquals(0, fixture.store.dirtyCount());
    }

    private static String scan(KeyValueIterator<Bytes, byte[]> iterator) {
        List<String> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> entries.add(string(entry.key.get()) + "=" + string(entry.value)));
        }
        return String.join(",", entries);
    }
}
