package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The caching layer of window and session stores: writes go to the thread's {@link ThreadCache}, keyed by the store's
 * binary key, and are written down (to the store and its changelog below) only when the cache flushes, on commit, or
 * when the thread cache's dirty entries pass their share of its bytes, so consecutive updates of a window collapse into
 * one write and one record for the {@link CacheFlushListener}. Written-down entries stay cached as clean copies until
 * the thread cache needs their room, as in Kafka Streams, whose caching layer serves them even once the store below
 * has expired them. Without a thread cache (a cache of 0 bytes, or a global store) every write passes through, to the
 * store and to the listener. Writes: the owning stream thread. Reads of one record key (what aggregations do per
 * record) merge the cache with the store; scans over several keys flush first on the owning thread and read the store
 * alone (so, unlike Kafka's, they miss clean copies the store has expired). Other threads (interactive queries) read
 * a single window from the cache, then the store, and merge the cache's entries into every scan, as Kafka Streams'
 * queries do.
 */
/*
 * Implementation notes. Besides the thread cache, the layer keeps the entries it put since its last write-down in a
 * list, in update order: an entry never changes once put, and a later put of the same window makes a new entry, which
 * goes to the end, while the older one, replaced in the thread cache, turns clean and is skipped. A list rather than a
 * map by key because a windowed aggregation mostly makes new windows: a map put per record cost a fifth of a
 * windowed count's time, and the thread cache's own map already finds a window by key. Once more than half the list
 * is replaced entries (one window updated again and again), it drops them, so the list stays within twice the dirty
 * entries. Written-down entries go on to a second list, of clean copies in write-down order, from whose head the
 * thread cache has the layer drop them when it is full. Range reads of one record key also need the cached entries
 * per record key: a binary key is the record key followed by big-endian, non-negative times (window start; or session
 * end, then start), so within one record key the unsigned byte order is the store's order and a read of that key's
 * windows is a range of a per-key TreeMap. That index, of the dirty entries and clean copies, is built on the first
 * range read and kept from then on; stores read one window at a time (tumbling and hopping aggregations) never pay
 * for it.
 *
 * Write-downs keep update order, always: a write-down, on flush or when the thread cache is full of dirty entries,
 * writes all dirty entries in update order (dirty entries are never evicted one by one). Order matters
 * twice. A suppression downstream closes a window once it sees a later timestamp, so an update forwarded before an
 * older one would close windows whose final update is still cached. And the store below expires windows by the times it
 * has been written: a session merged away and deleted in the cache could expire in the store before its tombstone is
 * written, and the tombstone would then find nothing to delete and forward nothing.
 *
 * A write-down runs with the entry's timestamp as the record timestamp, so the changelog logs the update's
 * timestamp rather than 0 on commit. As in Kafka Streams, deleting a window the store does not hold writes and
 * forwards nothing.
 */
abstract class AbstractCachingWindowedStore<S extends StateStore> extends AbstractCachingStore<S> {
    /** Fewest replaced entries in {@link #updates} worth a pass to drop them. */
    private static final int MIN_REPLACED_TO_DROP = 1024;
    /** Most clean copies a write-down keeps; beyond, it drops them all at once (see below). */
    private static final int MAX_CLEAN_COPIES = 4096;

    /** The entries put since the last write-down, in update order; those replaced by a later put are clean. */
    private ArrayList<ThreadCache.Entry> updates = new ArrayList<>();
    /** How many entries of {@link #updates} a later put of the same window replaced (about: see putWindow). */
    private int replaced;
    /** During a write-down, the entries it writes, in update order (each clean once written). */
    private ArrayList<ThreadCache.Entry> writingDown;
    /** The emptied list of the last write-down, reused as the next (see ThreadCache's notes on G1). */
    private ArrayList<ThreadCache.Entry> spare;
    /** The written-down entries kept as clean copies, oldest first; those a newer entry replaced are no longer. */
    private final ArrayDeque<ThreadCache.Entry> cleanCopies = new ArrayDeque<>();
    /** Per record key, its cached entries (dirty and clean copies) by binary key; null until the first range read. */
    private Map<Bytes, TreeMap<Bytes, ThreadCache.Entry>> cachedByRecordKey;
    private CacheFlushListener<Windowed<Bytes>, byte[]> listener;
    private boolean sendOldValues;

    AbstractCachingWindowedStore(S wrapped) {
        super(wrapped);
    }

    /**
     * Sets the receiver of written-down entries, bound to the processor calling this from its {@code init}; returns
     * whether the layer forwards them. Without a record cache (statestore.cache.max.bytes 0) it does not, and the
     * aggregation forwards each update itself, as Kafka's does, which has no caching layer then: its uncached
     * updates carry what the aggregation knows (the aggregate a new sliding window starts from as the old value, the
     * timestamp of a deleted window, no headers for a session) and not what a write-down could tell.
     */
    public boolean setFlushListener(CacheFlushListener<Windowed<Bytes>, byte[]> flushListener, boolean oldValues) {
        if (!hasCache()) {
            return false;
        }
        this.listener = context() != null ? context().bindToCurrentNode(flushListener) : flushListener;
        this.sendOldValues = oldValues;
        return true;
    }

    /** Puts {@code value} ({@code null}: a deletion) of window {@code key}. */
    final void putWindow(Windowed<Bytes> key, byte[] value) {
        if (!caching()) {
            writeThrough(key, value, recordTimestamp());
            return;
        }
        Bytes cacheKey = cacheKey(key);
        ThreadCache.Entry entry = new ThreadCache.Entry(cacheKey, value, context().recordContext());
        // Listed first: the put may have this store written down, from the list.
        updates.add(entry);
        if (cachedByRecordKey != null) {
            cachedByRecordKey.computeIfAbsent(key.key(), recordKey -> new TreeMap<>()).put(cacheKey, entry);
        }
        // Counted after the put, which may have written the list down and started a new one: the count may then be
        // one too high, which only brings the next pass over the list a little sooner.
        if (named().putDirty(cacheKey, entry) && ++replaced >= MIN_REPLACED_TO_DROP && replaced * 2 > updates.size()) {
            updates.removeIf(listed -> !listed.dirty);
            replaced = 0;
        }
    }

    /**
     * Returns the cached entry (a null value is a deletion) of a binary key, or null. Any thread: the owning one reads
     * its own index, others the concurrent cache.
     */
    final ThreadCache.Entry cached(Bytes cacheKey) {
        if (!hasCache()) {
            return null;
        }
        // On the owning thread too: besides the dirty entries, the thread cache holds clean copies, which hold what the
        // store below holds or, once it has expired them, held.
        return named().read(cacheKey);
    }

    /**
     * Returns the cached windows of {@code recordKey} with binary keys in {@code [from, to]}, in the store's order,
     * each with its value (null for a deletion), to merge with a read of the store: on the owning thread from its
     * index; on another (an interactive query) from what the cache holds, which it finds by reading every entry.
     */
    final List<KeyValue<Bytes, byte[]>> cachedRange(Bytes recordKey, Bytes from, Bytes to) {
        if (!hasCache() || from.compareTo(to) > 0) {
            return List.of();
        }
        if (!caching()) {
            return named().snapshot(binary -> binary.compareTo(from) >= 0 && binary.compareTo(to) <= 0
                && windowedKey(binary).key().equals(recordKey));
        }
        TreeMap<Bytes, ThreadCache.Entry> windows = cachedByRecordKey().get(recordKey);
        if (windows == null) {
            return List.of();
        }
        List<KeyValue<Bytes, byte[]>> found = new ArrayList<>();
        windows.subMap(from, true, to, true).forEach((binary, entry) -> found.add(KeyValue.pair(binary, entry.value)));
        return found;
    }

    private Map<Bytes, TreeMap<Bytes, ThreadCache.Entry>> cachedByRecordKey() {
        if (cachedByRecordKey == null) {
            cachedByRecordKey = new HashMap<>();
            indexByRecordKey(cleanCopies);
            if (writingDown != null) {
                indexByRecordKey(writingDown);
            }
            indexByRecordKey(updates);
        }
        return cachedByRecordKey;
    }

    /** Adds the entries still cached, dirty (being written down or not) or clean copies, to the per-key index. */
    private void indexByRecordKey(Iterable<ThreadCache.Entry> entries) {
        for (ThreadCache.Entry entry : entries) {
            if (entry.dirty || named().isCleanCopy(entry)) {
                cachedByRecordKey.computeIfAbsent(windowedKey(entry.key()).key(), recordKey -> new TreeMap<>())
                    .put(entry.key(), entry);
            }
        }
    }

    /**
     * Scans with {@code store}, which iterates in {@code order} (reversed if {@code backward}): on the owning thread
     * after writing its dirty entries down, so the store holds everything; on another (an interactive query) merged
     * with the cache's entries that {@code test} accepts, which win over the store's. The cache is read first: an entry
     * written down meanwhile is then in the store's snapshot.
     */
    final KeyValueIterator<Windowed<Bytes>, byte[]> scan(Predicate<Windowed<Bytes>> test,
        Comparator<Windowed<Bytes>> order, boolean backward,
        Supplier<KeyValueIterator<Windowed<Bytes>, byte[]>> store) {
        if (!hasCache()) {
            return store.get();
        }
        if (caching()) {
            flush();
            return store.get();
        }
        return merged(test, order, backward, store);
    }

    /**
     * As {@link #scan}, for a scan of all keys: merged with the cache's entries on the owning thread too, as Kafka's
     * caching layer merges every scan. A write-down first would forward what it writes (Kafka's scans forward nothing)
     * and would put cached windows that have expired meanwhile into the store, which drops them, where Kafka's scan
     * still shows them from its cache: an {@code emitStrategy(onWindowClose)} aggregation emits such a window. A scan
     * of all keys reads the whole store anyway, so merging the whole cache costs it proportionally; a scan of some
     * keys would pay for the whole cache, and writes it down instead.
     */
    final KeyValueIterator<Windowed<Bytes>, byte[]> scanAllKeys(Predicate<Windowed<Bytes>> test,
        Comparator<Windowed<Bytes>> order, boolean backward,
        Supplier<KeyValueIterator<Windowed<Bytes>, byte[]>> store) {
        return hasCache() ? merged(test, order, backward, store) : store.get();
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> merged(Predicate<Windowed<Bytes>> test,
        Comparator<Windowed<Bytes>> order, boolean backward,
        Supplier<KeyValueIterator<Windowed<Bytes>, byte[]>> store) {
        List<KeyValue<Windowed<Bytes>, byte[]>> cached = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> entry : named().snapshot(binary -> true)) {
            Windowed<Bytes> key = windowedKey(entry.key);
            if (test.test(key)) {
                cached.add(KeyValue.pair(key, entry.value));
            }
        }
        KeyValueIterator<Windowed<Bytes>, byte[]> stored = store.get();
        if (cached.isEmpty()) {
            return stored;
        }
        cached.sort(Comparator.comparing(entry -> entry.key, order));
        return new MergedCacheIterator<>(stored, new ListKeyValueIterator<>(cached, backward),
            backward ? order.reversed() : order);
    }

    /** Whether {@code key} lies in {@code [from, to]}; a null bound is open, as in the stores' key ranges. */
    static boolean inKeyRange(Bytes key, Bytes from, Bytes to) {
        return (from == null || key.compareTo(from) >= 0) && (to == null || key.compareTo(to) <= 0);
    }

    /**
     * Writes the dirty entries down in update order. Each is claimed as it is written: a write-down forwards
     * downstream, where a flush of this store (a scan) writes down, first, the rest of this write-down, and must skip
     * what this one has done or is doing.
     */
    @Override
    public void writeDownDirty() {
        ArrayList<ThreadCache.Entry> outer = writingDown;
        if (outer != null) {
            writeDownClaiming(outer);
        }
        ArrayList<ThreadCache.Entry> pending = updates;
        updates = spare != null ? spare : new ArrayList<>();
        spare = null;
        replaced = 0;
        writingDown = pending;
        try {
            writeDownClaiming(pending);
        } finally {
            writingDown = outer;
        }
        pending.clear();
        spare = pending;
        if (outer == null && cleanCopies.size() > MAX_CLEAN_COPIES) {
            dropAllCleanCopies();
            return;
        }
        // Copies a newer entry replaced stay listed until dropped: a pass drops them once they are most of the list.
        if (cleanCopies.size() > MIN_REPLACED_TO_DROP && cleanCopies.size() > 2 * named().size()) {
            cleanCopies.removeIf(listed -> !named().isCleanCopy(listed));
        }
    }

    /**
     * Drops all clean copies at once, once a write-down leaves more than {@link #MAX_CLEAN_COPIES}: a store whose
     * write-downs are that large (a windowed count over many keys, at every commit or whenever the cache fills) would
     * otherwise drop a copy, a removal from the thread cache's map, for nearly every entry it writes, which cost a
     * windowed count 15-30% of its speed, and keep its map twice as large for every read. Kafka's cache would keep
     * the newest of them; Runnel then keeps none until the next write-down.
     */
    private void dropAllCleanCopies() {
        named().dropAllClean();
        cleanCopies.clear();
        cachedByRecordKey = null;
    }

    /** Drops the oldest clean copies, at least {@code bytes} of them (all, if they hold fewer). */
    @Override
    public void evictOldestClean(long bytes) {
        long dropped = 0;
        while (dropped < bytes && !cleanCopies.isEmpty()) {
            ThreadCache.Entry entry = cleanCopies.poll();
            if (named().isCleanCopy(entry)) {
                dropped += ThreadCache.bytes(entry.key(), entry.value);
                named().evictClean(entry);
                unindexByRecordKey(windowedKey(entry.key()).key(), entry.key(), entry);
            }
        }
    }

    private void writeDownClaiming(List<ThreadCache.Entry> inOrder) {
        for (int i = 0; i < inOrder.size(); i++) {
            ThreadCache.Entry entry = inOrder.get(i);
            Bytes cacheKey = entry.key();
            // Skip an entry that a later put replaced with a newer one, or that a write-down has taken.
            if (entry.dirty && !entry.writingDown) {
                entry.writingDown = true;
                Windowed<Bytes> key = windowedKey(cacheKey);
                Object current = entry.enterMadeBy(context());
                try {
                    writeDown(key, entry.value, entry.timestamp);
                } finally {
                    context().restoreRecordContext(current);
                }
                named().cleaned(entry);
                // Kept unless a newer entry of the window, put while this one was forwarded, replaced it.
                named().keepClean(entry);
                if (named().isCleanCopy(entry)) {
                    cleanCopies.add(entry);
                }
            }
        }
    }

    private void unindexByRecordKey(Bytes recordKey, Bytes cacheKey, ThreadCache.Entry entry) {
        TreeMap<Bytes, ThreadCache.Entry> windows = cachedByRecordKey == null ? null : cachedByRecordKey.get(recordKey);
        if (windows != null && windows.remove(cacheKey, entry) && windows.isEmpty()) {
            cachedByRecordKey.remove(recordKey);
        }
    }

    /**
     * Writes a cached entry down and passes it to the listener, except, as Kafka's caching layers do, the deletion of a
     * window the store does not hold (merged away before it was written, or expired there): nothing is written (no
     * changelog tombstone, and the store's stream time does not move) and nothing is forwarded.
     */
    private void writeDown(Windowed<Bytes> key, byte[] value, long timestamp) {
        byte[] old = value == null || listener != null && sendOldValues ? read(key) : null;
        if (value == null && old == null) {
            return;
        }
        write(key, value);
        if (listener != null) {
            listener.apply(key, value, sendOldValues ? old : null, timestamp);
        }
    }

    /**
     * Writes past a layer without a thread cache, as Kafka's store without a caching layer is written: always, a
     * deletion too (it moves the store's stream time); the listener hears of what changed.
     */
    private void writeThrough(Windowed<Bytes> key, byte[] value, long timestamp) {
        byte[] old = listener != null && (sendOldValues || value == null) ? read(key) : null;
        write(key, value);
        if (listener != null && (value != null || old != null)) {
            listener.apply(key, value, sendOldValues ? old : null, timestamp);
        }
    }

    @Override
    public void close() {
        updates.clear();
        cleanCopies.clear();
        cachedByRecordKey = null;
        super.close();
    }

    /** Returns the number of entries waiting to be written down, for tests. */
    int dirtyCount() {
        return (int) updates.stream().filter(entry -> entry.dirty).count();
    }

    /** Returns the number of entries in the update list, replaced ones included, for tests. */
    int listedCount() {
        return updates.size();
    }

    /**
     * Checks that the lists hold each dirty entry and clean copy once, as its window's entry in the thread cache, and
     * that the per-key index holds exactly those, each under its own record key (for tests).
     */
    void checkInvariants() {
        Map<Bytes, ThreadCache.Entry> cached = new HashMap<>();
        for (ThreadCache.Entry entry : updates) {
            if (entry.dirty && (cached.put(entry.key(), entry) != null || named().get(entry.key()) != entry)) {
                throw new IllegalStateException("Store " + name() + " lists a stale dirty entry " + entry.key());
            }
        }
        for (ThreadCache.Entry entry : cleanCopies) {
            if (named().isCleanCopy(entry)
                && (cached.put(entry.key(), entry) != null || named().get(entry.key()) != entry)) {
                throw new IllegalStateException("Store " + name() + " lists a stale clean copy " + entry.key());
            }
        }
        if (cachedByRecordKey == null) {
            return;
        }
        int indexed = 0;
        for (Map.Entry<Bytes, TreeMap<Bytes, ThreadCache.Entry>> windows : cachedByRecordKey.entrySet()) {
            if (windows.getValue().isEmpty()) {
                throw new IllegalStateException("Store " + name() + " indexes no window of key " + windows.getKey());
            }
            for (Map.Entry<Bytes, ThreadCache.Entry> window : windows.getValue().entrySet()) {
                indexed++;
                if (cached.get(window.getKey()) != window.getValue()
                    || !windowedKey(window.getKey()).key().equals(windows.getKey())) {
                    throw new IllegalStateException("Store " + name() + " indexes a stale or misplaced entry "
                        + window.getKey() + " under key " + windows.getKey());
                }
            }
        }
        if (indexed != cached.size()) {
            throw new IllegalStateException("Store " + name() + " indexes " + indexed + " of " + cached.size()
                + " cached entries by record key");
        }
    }

    /** Returns the store's binary key of {@code key}, the thread cache's key of its entry. */
    abstract Bytes cacheKey(Windowed<Bytes> key);

    /** Returns the window key of a binary key made by {@link #cacheKey}. */
    abstract Windowed<Bytes> windowedKey(Bytes cacheKey);

    /** Returns the value of window {@code key} in the store below, or null. */
    abstract byte[] read(Windowed<Bytes> key);

    /** Writes {@code value} ({@code null}: deletes) of window {@code key} to the store below. */
    abstract void write(Windowed<Bytes> key, byte[] value);
}
