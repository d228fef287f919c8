package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The caching layer of a key-value store: writes go to the thread's {@link ThreadCache} and are written down (to the
 * store and its changelog below) only when the cache flushes, on commit, or when the thread cache's dirty entries pass
 * their share of its bytes, so consecutive updates of a key collapse into one write and one forwarded record. A {@link
 * CacheFlushListener} set by the operator receives the flushed entries. Without a thread cache (the test driver, or a
 * cache of 0 bytes) the layer passes everything through. Writes and scans: the owning stream thread; point reads: any
 * thread (an interactive query reads the cache, then the store; its range scans see only written-down entries).
 */
/*
 * Implementation notes. Flush writes dirty keys down in the order they were last updated, as Kafka's NamedCache does:
 * each put stamps its entry with a sequence number, and flush sorts the dirty entries by it. The layer also keeps its
 * dirty entries in a plain HashMap, which changes only when an entry becomes dirty or is written down: the owning
 * thread reads through it rather than through the concurrent cache (whose nodes are new after every commit), so the
 * in-place update of an entry that already is dirty (a read-modify-write of a hot key) costs one HashMap read and
 * the dirty byte count. Dirty entries are never evicted (see ThreadCache), so the map holds exactly the cached
 * entries. Range scans on the owning thread flush first, so they need no merge of cache and store.
 */
public final class CachingKeyValueStore extends WrappedKeyValueBytesStore implements ThreadCache.Owner {
    /** Orders dirty entries (with their keys) as they were last updated, the order of a write-down. */
    private static final Comparator<KeyValue<Bytes, ThreadCache.Entry>> UPDATE_ORDER =
        Comparator.comparingLong(pending -> pending.value.sequence);
    /** The cached (so dirty) entries by key, each with its last update's sequence number; owning thread only. */
    private HashMap<Bytes, ThreadCache.Entry> dirtyEntries = new HashMap<>();
    /** During a write-down, the entries it writes (each clean once written); owning thread only. */
    private Map<Bytes, ThreadCache.Entry> writingDown;
    /** The emptied map of the last write-down, reused as the next dirty map (see ThreadCache's notes on G1). */
    private HashMap<Bytes, ThreadCache.Entry> spare;
    /** During a write-down, its entries in update order; owning thread only. */
    private List<KeyValue<Bytes, ThreadCache.Entry>> writingDownInOrder;
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
            entry = dirtyEntries.get(key);
            lastKey = entry != null ? key : null;
            lastEntry = entry;
            if (entry == null && writingDown != null) {
                // Not remembered for an in-place put: that entry is being written down.
                entry = writingDown.get(key);
            }
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
        long timestamp = context == null ? 0L : context.recordTimestamp();
        ThreadCache.Entry last = lastEntry;
        if (last != null && last.dirty && key.equals(lastKey)) {
            // A dirty entry is the cached one and its write-down reads these fields: update it in place instead of a
            // second cache write. The fields first: the byte count may have this store written down.
            byte[] old = last.value;
            last.timestamp = timestamp;
            last.sequence = ++updateSequence;
            if (old == null || value == null || old.length != value.length) {
                last.value = value;
                last.ownsValue = false;
                named.dirtyValueChanged(old, value);
            } else if (last.ownsValue) {
                last.overwriteValue(value);
            } else {
                // The caller may keep its array (a byte-array serde returns it as is): overwrite only a copy.
                last.value = value.clone();
                last.ownsValue = true;
            }
        } else {
            ThreadCache.Entry entry = new ThreadCache.Entry(value, timestamp, ++updateSequence);
            lastKey = key;
            lastEntry = entry;
            dirtyEntries.put(key, entry);
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
     * downstream, where a flush of this store (a scan) writes down, first, the rest of this write-down, and must skip
     * what this one has done or is doing.
     */
    @Override
    public void writeDownDirty() {
        // An entry stays dirty while written down: no put may update it in place until it is marked clean.
        forgetLastEntry();
        List<KeyValue<Bytes, ThreadCache.Entry>> outer = writingDownInOrder;
        if (outer != null) {
            writeDownClaiming(outer);
        }
        HashMap<Bytes, ThreadCache.Entry> pending = dirtyEntries;
        dirtyEntries = spare != null ? spare : new HashMap<>();
        spare = null;
        List<KeyValue<Bytes, ThreadCache.Entry>> inOrder = new ArrayList<>(pending.size());
        for (Map.Entry<Bytes, ThreadCache.Entry> entry : pending.entrySet()) {
            inOrder.add(KeyValue.pair(entry.getKey(), entry.getValue()));
        }
        inOrder.sort(UPDATE_ORDER);
        // Reads during the write-down (its forwarding may come back to this store) find entries not yet written.
        Map<Bytes, ThreadCache.Entry> outerPending = writingDown;
        writingDown = pending;
        writingDownInOrder = inOrder;
        try {
            writeDownClaiming(inOrder);
        } finally {
            writingDown = outerPending;
            writingDownInOrder = outer;
        }
        pending.clear();
        spare = pending;
        if (outer == null) {
            named.dropClean(dirtyEntries);
        }
    }

    private void writeDownClaiming(List<KeyValue<Bytes, ThreadCache.Entry>> inOrder) {
        for (KeyValue<Bytes, ThreadCache.Entry> next : inOrder) {
            ThreadCache.Entry entry = next.value;
            // Skip an entry that a write downstream replaced with a newer one, or that a write-down has taken.
            if (entry.dirty && !entry.writingDown) {
                entry.writingDown = true;
                writeDown(next.key, entry.value, entry.timestamp);
                named.cleaned(next.key, entry);
            }
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
        dirtyEntries.clear();
        super.close();
    }

    private void flushForScan() {
        if (caching()) {
            flush();
        }
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        flushForScan();
        return super.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        flushForScan();
        return super.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        flushForScan();
        return super.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        flushForScan();
        return super.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix,
        PS prefixKeySerializer) {
        flushForScan();
        return super.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        flushForScan();
        return super.approximateNumEntries();
    }

    /** Returns the number of keys waiting to be written down, for tests. */
    int dirtyCount() {
        return dirtyEntries.size();
    }
}
