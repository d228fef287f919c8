package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.RecordContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The caching layer of a key-value store: writes go to the thread's {@link ThreadCache} and are written down (to the
 * store and its changelog below) only when the cache flushes, on commit, or, the least recently updated ones, when the
 * thread cache's dirty entries pass their budget, so consecutive updates of a key collapse into one write and one
 * forwarded record. A {@link CacheFlushListener} set by the operator receives the flushed entries. Without a thread
 * cache (a cache of 0 bytes, or a global store) the layer passes everything through. Writes: the owning stream
 * thread. Reads: any thread; an interactive query's point read looks in the cache, then the store, and its scans merge
 * the cache's entries with the store's, as Kafka Streams' do.
 */
/*
 * Implementation notes. The layer lists its cached entries in an UpdateLog, in the order they were last updated, as
 * Kafka's NamedCache keeps them: a flush writes the dirty ones down in that order, and when the thread cache is full,
 * the layer writes down its least recently updated ones (and drops them), so keys updated often stay cached. The
 * owning thread reads and updates the entries through the thread cache's map, which other threads read too, and an
 * update of the same length overwrites the entry's own value array in place (see ThreadCache.Entry#overwriteValue).
 *
 * A flush keeps the entries it writes down, clean, for one more round: the next update of such a key reuses its entry
 * and array, and makes it dirty again. So a key updated in every commit interval (exactly-once commits every 100 ms)
 * keeps one entry and one array. The store below then gets a copy of an array the entry owns; an entry written down
 * when the cache is full leaves, and the store gets the array itself. A flush drops the entries that stayed clean since
 * the previous one: the cache holds at most the entries of two rounds, each bounded by its budget. Range scans on the
 * owning thread flush first, so they need no merge of cache and store.
 */
public final class CachingKeyValueStore extends AbstractCachingStore<KeyValueStore<Bytes, byte[]>>
    implements KeyValueStore<Bytes, byte[]> {
    /** The cached entries, dirty and those the last flush wrote down, by last update; owning thread only. */
    private final UpdateLog updates = new UpdateLog();
    /** The key and cached entry of the owning thread's last read or write, for a put that follows its get. */
    private Bytes lastKey;
    private ThreadCache.Entry lastEntry;
    private CacheFlushListener<Bytes, byte[]> listener;
    private boolean sendOldValues;

    /** Wraps {@code wrapped}. */
    public CachingKeyValueStore(KeyValueStore<Bytes, byte[]> wrapped) {
        super(wrapped);
    }

    /**
     * Sets the receiver of flushed entries; returns whether this layer caches. Without a thread cache (a cache of 0
     * bytes) it does not, and takes no listener: Kafka Streams then builds the store without its caching layer, so
     * the operator forwards each update itself, the deletion of a key the store does not hold included.
     */
    public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> flushListener, boolean oldValues) {
        if (!hasCache()) {
            return false;
        }
        this.listener = flushListener;
        this.sendOldValues = oldValues;
        return true;
    }

    @Override
    public byte[] get(Bytes key) {
        if (!hasCache()) {
            return wrapped().get(key);
        }
        ThreadCache.Entry entry = named().read(key);
        if (caching()) {
            // An entry being written down is not updated in place: its update would be marked clean unwritten.
            boolean updatable = entry != null && !entry.writingDown;
            lastKey = updatable ? key : null;
            lastEntry = updatable ? entry : null;
            return entry != null ? entry.value : wrapped().get(key);
        }
        return entry != null ? entry.valueCopy() : wrapped().get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        if (!caching()) {
            writeDown(key, value, recordTimestamp());
            return;
        }
        RecordContext madeBy = context().recordContext();
        ThreadCache.Entry cached = lastEntry != null && key.equals(lastKey) ? lastEntry : named().get(key);
        if (cached != null && !cached.writingDown) {
            update(cached, value, madeBy);
        } else {
            ThreadCache.Entry entry = new ThreadCache.Entry(key, value, madeBy);
            lastKey = key;
            lastEntry = entry;
            updates.append(entry);
            named().putDirty(key, entry);
        }
    }

    /** Updates the cached {@code entry} to {@code value} instead of making a new one. */
    private void update(ThreadCache.Entry entry, byte[] value, RecordContext madeBy) {
        // The fields first: the byte count may have this store written down, and the write-down reads them.
        boolean wasDirty = entry.dirty;
        byte[] old = entry.value;
        entry.madeBy(madeBy);
        updates.append(entry);
        if (old == null || value == null || old.length != value.length) {
            entry.value = value;
            entry.ownsValue = false;
        } else if (entry.ownsValue) {
            entry.overwriteValue(value);
        } else {
            // The caller may keep its array (a byte-array serde returns it as is): overwrite only a copy.
            entry.value = value.clone();
            entry.ownsValue = true;
        }
        if (wasDirty) {
            named().dirtyValueChanged(old, entry.value);
        } else {
            named().markDirty(entry);
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        for (KeyValue<Bytes, byte[]> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] previous = get(key);
        put(key, null);
        return previous;
    }

    /**
     * Writes an entry down and passes it to the listener, except, as in Kafka, the deletion of a key the store does
     * not hold when there is a listener: nothing changed, so nothing is written (no changelog tombstone) and nothing
     * is forwarded (as the windowed caching stores do). Without a listener the store is not read first.
     */
    private void writeDown(Bytes key, byte[] value, long timestamp) {
        byte[] old = listener != null && (sendOldValues || value == null) ? wrapped().get(key) : null;
        if (listener != null && value == null && old == null) {
            return;
        }
        if (value == null) {
            wrapped().delete(key);
        } else {
            wrapped().put(key, value);
        }
        if (listener != null) {
            listener.apply(key, value, sendOldValues ? old : null, timestamp);
        }
    }

    /**
     * Writes the dirty entries down in update order, keeping them cached (clean) for one more round, and drops those
     * that stayed clean since the previous flush. Each entry is taken from the update log as it is written: a
     * write-down forwards downstream, where a flush of this store (a scan) writes down the rest of this write-down
     * first, and must skip what this one has done or is doing.
     */
    @Override
    public void writeDownDirty() {
        forgetLastEntry();
        // As many as are listed now: those written are listed again behind them, and are not taken twice.
        for (int listed = updates.size(); listed > 0; listed--) {
            ThreadCache.Entry entry = updates.takeOldest();
            if (entry == null) {
                return;
            }
            if (!entry.dirty) {
                drop(entry);
                continue;
            }
            writeDown(entry, true);
            // Unless a write downstream replaced it meanwhile: listed again, as the newest.
            if (named().get(entry.key()) == entry) {
                updates.append(entry);
            }
        }
    }

    /** Writes down and drops the least recently updated entries, until those written hold at least {@code bytes}. */
    @Override
    public void writeDownOldest(long bytes) {
        forgetLastEntry();
        long written = 0;
        while (written < bytes) {
            ThreadCache.Entry entry = updates.takeOldest();
            if (entry == null) {
                return;
            }
            if (entry.dirty) {
                written += ThreadCache.bytes(entry.key(), entry.value);
                writeDown(entry, false);
            }
            drop(entry);
        }
    }

    /**
     * Writes {@code entry} down in the context of the record that made it and marks it clean; the store below gets the
     * entry's own array only if the entry is about to leave (it {@code stays} otherwise).
     */
    private void writeDown(ThreadCache.Entry entry, boolean stays) {
        entry.writingDown = true;
        Object current = entry.enterMadeBy(context());
        try {
            // The store keeps what it is given; an entry that stays keeps its own array to overwrite later.
            writeDown(entry.key(), stays && entry.ownsValue ? entry.value.clone() : entry.value, entry.timestamp);
        } finally {
            context().restoreRecordContext(current);
        }
        named().cleaned(entry);
    }

    /** Drops the clean {@code entry} from the cache. */
    private void drop(ThreadCache.Entry entry) {
        named().remove(entry);
        if (entry == lastEntry) {
            forgetLastEntry();
        }
    }

    private void forgetLastEntry() {
        lastKey = null;
        lastEntry = null;
    }

    @Override
    public void close() {
        forgetLastEntry();
        updates.clear();
        super.close();
    }

    /**
     * Scans with {@code store}: on the owning thread after a flush, so the store holds everything; on another (an
     * interactive query) merged with the cache's entries that {@code inScan} accepts, which win over the store's. The
     * cache is read first: an entry written down meanwhile is then in the store's snapshot.
     */
    private KeyValueIterator<Bytes, byte[]> scan(Predicate<Bytes> inScan, boolean backward,
        Supplier<KeyValueIterator<Bytes, byte[]>> store) {
        if (!hasCache()) {
            return store.get();
        }
        if (caching()) {
            flush();
            return store.get();
        }
        List<KeyValue<Bytes, byte[]>> cached = named().snapshot(inScan);
        KeyValueIterator<Bytes, byte[]> stored = store.get();
        Comparator<Bytes> order = backward ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return cached.isEmpty() ? stored
            : new MergedCacheIterator<>(stored, new ListKeyValueIterator<>(cached, backward), order);
    }

    /** Whether {@code key} lies in {@code [from, to]}; a null bound is open, as in {@code range}. */
    private static Predicate<Bytes> between(Bytes from, Bytes to) {
        return key -> (from == null || key.compareTo(from) >= 0) && (to == null || key.compareTo(to) <= 0);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return scan(between(from, to), false, () -> wrapped().range(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return scan(between(from, to), true, () -> wrapped().reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return scan(key -> true, false, () -> wrapped().all());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return scan(key -> true, true, () -> wrapped().reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix,
        PS prefixKeySerializer) {
        byte[] start = prefixKeySerializer.serialize(null, prefix);
        return scan(key -> startsWith(key.get(), start), false,
            () -> wrapped().prefixScan(prefix, prefixKeySerializer));
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public long approximateNumEntries() {
        if (caching()) {
            flush();
        }
        return wrapped().approximateNumEntries();
    }

    /** Returns the number of cached entries, dirty or written down by the last flush, for tests. */
    int keptCount() {
        return updates.size();
    }

    /** Returns the number of keys waiting to be written down, for tests. */
    int dirtyCount() {
        return named().dirtyCount();
    }

    /** Checks the update log, and that it lists the cached entries (for tests). */
    void checkInvariants() {
        updates.checkInvariants();
        if (named() != null && updates.size() != named().size()) {
            throw new IllegalStateException("Store " + name() + " lists " + updates.size() + " entries of "
                + named().size() + " cached");
        }
    }
}
