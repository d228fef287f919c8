package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.RecordContext;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The caching layer of a key-value store: writes go to the thread's {@link ThreadCache} and are written down (to the
 * store and its changelog below) only when the cache flushes, on commit, or when the thread cache's dirty entries pass
 * their share of its bytes, so consecutive updates of a key collapse into one write and one forwarded record. A {@link
 * CacheFlushListener} set by the operator receives the flushed entries. Without a thread cache (a cache of 0 bytes,
 * or a global store) the layer passes everything through. Writes: the owning stream thread. Reads: any thread; an
 * interactive query's point read looks in the cache, then the store, and its scans merge the cache's entries with the
 * store's, as Kafka Streams' do.
 */
/*
 * Implementation notes. Flush writes dirty keys down in the order they were last updated, as Kafka's NamedCache does:
 * each put stamps its entry with a sequence number, and flush sorts the dirty entries by it. The owning thread reads
 * through its own plain HashMap of entries rather than through the concurrent cache, so the update of a hot key (a
 * read-modify-write) costs one HashMap read, and an update of the same length overwrites the entry's own value array
 * in place (see ThreadCache.Entry#overwriteValue).
 *
 * That map also keeps the entries of the last write-down, clean: the next update of such a key reuses its entry and
 * array, and makes it dirty again (back into the thread cache). So a key updated in every commit interval (exactly-once
 * commits every 100 ms) keeps one entry and one array. A write-down gives the store below a copy of an array the entry
 * owns, and drops the entries that stayed clean since the previous one: the map holds at most the entries of two
 * rounds, each bounded by the cache. Range scans on the owning thread flush first, so they need no merge of cache and
 * store.
 */
public final class CachingKeyValueStore extends WrappedKeyValueBytesStore implements ThreadCache.Owner {
    /** Orders dirty entries (with their keys) as they were last updated, the order of a write-down. */
    private static final Comparator<KeyValue<Bytes, ThreadCache.Entry>> UPDATE_ORDER =
        Comparator.comparingLong(pending -> pending.value.sequence);
    /**
     * The dirty entries by key, each with its last update's sequence number, and those the last write-down cleaned;
     * owning thread only.
     */
    private final HashMap<Bytes, ThreadCache.Entry> entries = new HashMap<>();
    /** The depth of nested write-downs of this store (a write-down's forwarding may scan it). */
    private int writeDownDepth;
    private long updateSequence;
    /** The key and cached entry of the owning thread's last cache hit, for a put that follows its get. */
    private Bytes lastKey;
    private ThreadCache.Entry lastEntry;
    private ThreadCache cache;
    private ThreadCache.NamedCache named;
    private Thread owner;
    private InternalStateStoreContext context;
    private CacheFlushListener<Bytes, byte[]> listener;
    private boolean sendOldValues;

    /** Wraps {@code wrapped}. */
    public CachingKeyValueStore(KeyValueStore<Bytes, byte[]> wrapped) {
        super(wrapped);
    }

    @Override
    public void init(StateStoreContext storeContext, StateStore root) {
        super.init(storeContext, root);
        if (storeContext instanceof InternalStateStoreContext internal) {
            this.context = internal;
            this.cache = internal.threadCache();
            this.named = cache != null ? cache.register(this) : null;
        }
        this.owner = Thread.currentThread();
    }

    /** Sets the receiver of flushed entries; returns whether this layer caches (if not, nothing is ever flushed). */
    public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> flushListener, boolean oldValues) {
        this.listener = flushListener;
        this.sendOldValues = oldValues;
        return true;
    }

    private boolean caching() {
        return cache != null && Thread.currentThread() == owner;
    }

    @Override
    public byte[] get(Bytes key) {
        if (cache == null) {
            return super.get(key);
        }
        ThreadCache.Entry entry;
        if (caching()) {
            entry = entries.get(key);
            // An entry being written down is not updated in place: its update would be marked clean unwritten.
            boolean updatable = entry != null && !entry.writingDown;
            lastKey = updatable ? key : null;
            lastEntry = updatable ? entry : null;
        } else {
            entry = named.get(key);
            if (entry != null) {
                return entry.valueCopy();
            }
        }
        return entry != null ? entry.value : super.get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        if (!caching()) {
            writeDown(key, value, context == null ? 0L : context.recordTimestamp());
            return;
        }
        RecordContext madeBy = context.recordContext();
        ThreadCache.Entry last = lastEntry;
        if (last != null && !last.writingDown && key.equals(lastKey)) {
            // The entry just read: update it instead of making a new one. The fields first: the byte count may have
            // this store written down, and the write-down reads them.
            boolean wasDirty = last.dirty;
            byte[] old = last.value;
            last.madeBy(madeBy);
            last.sequence = ++updateSequence;
            if (old == null || value == null || old.length != value.length) {
                last.value = value;
                last.ownsValue = false;
            } else if (last.ownsValue) {
                last.overwriteValue(value);
            } else {
                // The caller may keep its array (a byte-array serde returns it as is): overwrite only a copy.
                last.value = value.clone();
                last.ownsValue = true;
            }
            if (wasDirty) {
                named.dirtyValueChanged(old, last.value);
            } else {
                named.putDirty(key, last);
            }
        } else {
            ThreadCache.Entry entry = new ThreadCache.Entry(key, value, madeBy, ++updateSequence);
            lastKey = key;
            lastEntry = entry;
            entries.put(key, entry);
            named.putDirty(key, entry);
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

    private void writeDown(Bytes key, byte[] value, long timestamp) {
        byte[] old = listener != null && sendOldValues ? super.get(key) : null;
        if (value == null) {
            super.delete(key);
        } else {
            super.put(key, value);
        }
        if (listener != null) {
            listener.apply(key, value, old, timestamp);
        }
    }

    @Override
    public void flush() {
        if (caching()) {
            cache.writeDown(this);
        }
        super.flush();
    }

    /**
     * Writes the dirty entries down in update order. Each is claimed as it is written: a write-down forwards
     * downstream, where a flush of this store (a scan) writes down the rest of this write-down first, and must skip
     * what this one has done or is doing.
     */
    @Override
    public void writeDownDirty() {
        forgetLastEntry();
        List<KeyValue<Bytes, ThreadCache.Entry>> inOrder = new ArrayList<>();
        Iterator<Map.Entry<Bytes, ThreadCache.Entry>> all = entries.entrySet().iterator();
        while (all.hasNext()) {
            Map.Entry<Bytes, ThreadCache.Entry> next = all.next();
            ThreadCache.Entry entry = next.getValue();
            if (!entry.dirty) {
                // Clean since the previous write-down: not a hot key, so it leaves.
                all.remove();
            } else if (!entry.writingDown) {
                inOrder.add(KeyValue.pair(next.getKey(), entry));
            }
        }
        inOrder.sort(UPDATE_ORDER);
        writeDownDepth++;
        try {
            for (KeyValue<Bytes, ThreadCache.Entry> next : inOrder) {
                ThreadCache.Entry entry = next.value;
                // Skip an entry that a write downstream replaced with a newer one, or that a write-down has taken.
                if (entry.dirty && !entry.writingDown) {
                    entry.writingDown = true;
                    Object current = entry.enterMadeBy(context);
                    try {
                        // The store keeps what it is given; the entry keeps its own array to overwrite later.
                        writeDown(next.key, entry.ownsValue ? entry.value.clone() : entry.value, entry.timestamp);
                    } finally {
                        context.restoreRecordContext(current);
                    }
                    named.cleaned(next.key, entry);
                }
            }
        } finally {
            writeDownDepth--;
        }
        if (writeDownDepth == 0) {
            named.dropClean();
        }
    }

    private void forgetLastEntry() {
        lastKey = null;
        lastEntry = null;
    }

    @Override
    public void close() {
        forgetLastEntry();
        if (named != null) {
            named.close();
        }
        entries.clear();
        super.close();
    }

    /**
     * Scans with {@code store}: on the owning thread after a flush, so the store holds everything; on another (an
     * interactive query) merged with the cache's entries that {@code inScan} accepts, which win over the store's. The
     * cache is read first: an entry written down meanwhile is then in the store's snapshot.
     */
    private KeyValueIterator<Bytes, byte[]> scan(Predicate<Bytes> inScan, boolean backward,
        Supplier<KeyValueIterator<Bytes, byte[]>> store) {
        if (cache == null) {
            return store.get();
        }
        if (caching()) {
            flush();
            return store.get();
        }
        List<KeyValue<Bytes, byte[]>> cached = named.snapshot(inScan);
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
        return scan(between(from, to), false, () -> super.range(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return scan(between(from, to), true, () -> super.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return scan(key -> true, false, super::all);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return scan(key -> true, true, super::reverseAll);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix,
        PS prefixKeySerializer) {
        byte[] start = prefixKeySerializer.serialize(null, prefix);
        return scan(key -> startsWith(key.get(), start), false, () -> super.prefixScan(prefix, prefixKeySerializer));
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public long approximateNumEntries() {
        if (caching()) {
            flush();
        }
        return super.approximateNumEntries();
    }

    /** Returns the number of entries the owning thread keeps, dirty or written down in the last round, for tests. */
    int keptCount() {
        return entries.size();
    }

    /** Returns the number of keys waiting to be written down, for tests. */
    int dirtyCount() {
        return (int) entries.values().stream().filter(entry -> entry.dirty).count();
    }
}
