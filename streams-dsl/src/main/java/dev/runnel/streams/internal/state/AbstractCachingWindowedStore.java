package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The caching layer of window and session stores: writes go to the thread's {@link ThreadCache}, keyed by the store's
 * binary key, and are written down (to the store and its changelog below) only when the cache flushes, on commit, or
 * when the thread cache's dirty entries pass their share of its bytes, so consecutive updates of a window collapse into
 * one write and one record for the {@link CacheFlushListener}. Without a thread cache (the test driver, or a cache of 0
 * bytes) every write passes through, to the store and to the listener. Writes: the owning stream thread. Reads of one
 * record key (what aggregations do per record) merge the cache with the store; scans over several keys flush first on
 * the owning thread. Other threads (interactive queries) read a single window from the cache, then the store; their
 * range reads see only written-down entries.
 */
/*
 * Implementation notes. Besides the thread cache, which holds clean and dirty entries, the layer indexes its dirty
 * entries per record key, by binary key. A binary key is the record key followed by big-endian, non-negative times
 * (window start; or session end, then start), so within one record key the unsigned byte order is the store's
 * order and a read of that key's windows is a range of its index. An entry never changes once put: a later put of
 * the same window makes a new entry, which replaces it in the cache and the index. The index is a LinkedHashMap so
 * that a write-down iterates its dirty keys, not a table grown by earlier ones.
 *
 * Write-downs keep update order, always: a write-down, on flush or when the thread cache is full of dirty entries,
 * writes all indexed entries sorted by update sequence (dirty entries are never evicted one by one). Order matters
 * twice. A suppression downstream closes a window once it sees a later timestamp, so an update forwarded before an
 * older one would close windows whose final update is still cached. And the store below expires windows by the times it
 * has been written: a session merged away and deleted in the cache could expire in the store before its tombstone is
 * written, and the tombstone would then find nothing to delete and forward nothing.
 *
 * A write-down runs with the entry's timestamp as the record timestamp, so the changelog logs the update's
 * timestamp rather than 0 on commit. As in Kafka Streams, deleting a window never written down forwards nothing.
 */
abstract class AbstractCachingWindowedStore<S extends StateStore> extends WrappedStateStore<S>
    implements ThreadCache.Owner {
    private final int identityHash = System.identityHashCode(this);
    /** Per record key, its dirty entries by binary key. */
    private final Map<Bytes, TreeMap<Bytes, ThreadCache.Entry>> dirty = new LinkedHashMap<>();
    private long updateSequence;
    private ThreadCache cache;
    private Thread owner;
    private InternalStateStoreContext context;
    private CacheFlushListener<Windowed<Bytes>, byte[]> listener;
    private boolean sendOldValues;

    AbstractCachingWindowedStore(S wrapped) {
        super(wrapped);
    }

    @Override
    public void init(StateStoreContext storeContext, StateStore root) {
        super.init(storeContext, root);
        if (storeContext instanceof InternalStateStoreContext internal) {
            this.context = internal;
            this.cache = internal.threadCache();
        }
        this.owner = Thread.currentThread();
    }

    /**
     * Sets the receiver of written-down entries, bound to the processor calling this from its {@code init}; returns
     * true (the layer forwards every write-down, cached or passed through).
     */
    public boolean setFlushListener(CacheFlushListener<Windowed<Bytes>, byte[]> flushListener, boolean oldValues) {
        this.listener = context != null ? context.bindToCurrentNode(flushListener) : flushListener;
        this.sendOldValues = oldValues;
        return true;
    }

    private boolean caching() {
        return cache != null && Thread.currentThread() == owner;
    }

    /** Puts {@code value} ({@code null}: a deletion) of window {@code key}. */
    final void putWindow(Windowed<Bytes> key, byte[] value) {
        if (!caching()) {
            writeDown(key, value, context == null ? 0L : context.recordTimestamp());
            return;
        }
        Bytes cacheKey = cacheKey(key);
        ThreadCache.Entry entry = new ThreadCache.Entry(value, context.recordTimestamp(), ++updateSequence);
        // Index first: the put may have this store written down, from the index.
        dirty.computeIfAbsent(key.key(), recordKey -> new TreeMap<>()).put(cacheKey, entry);
        cache.putDirty(this, identityHash, cacheKey, entry);
    }

    /** Returns the cached entry (clean or dirty; a null value is a deletion) of a binary key, or null. Any thread. */
    final ThreadCache.Entry cached(Bytes cacheKey) {
        if (cache == null) {
            return null;
        }
        return cache.get(this, identityHash, cacheKey);
    }

    /**
     * Returns the dirty entries of {@code recordKey} with binary keys in {@code [from, to]}, in the store's order, to
     * merge with a read of the store. Empty on other threads than the owner.
     */
    final NavigableMap<Bytes, ThreadCache.Entry> dirtyRange(Bytes recordKey, Bytes from, Bytes to) {
        if (!caching()) {
            return Collections.emptyNavigableMap();
        }
        TreeMap<Bytes, ThreadCache.Entry> windows = dirty.get(recordKey);
        return windows == null || from.compareTo(to) > 0 ? Collections.emptyNavigableMap()
            : windows.subMap(from, true, to, true);
    }

    /** Writes every dirty entry down if this is the owning thread, so that a scan of the store below sees it. */
    final void flushForScan() {
        if (caching()) {
            flush();
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
     * Writes the indexed entries down in update order. Each is taken out of the index as it is written: a write-down
     * forwards downstream, whose writes could have the cache write this store down again (had they made it dirty
     * again), and that nested write-down must skip what this one has done.
     */
    @Override
    public void writeDownDirty() {
        List<KeyValue<Bytes, ThreadCache.Entry>> pending = new ArrayList<>();
        for (TreeMap<Bytes, ThreadCache.Entry> windows : dirty.values()) {
            for (Map.Entry<Bytes, ThreadCache.Entry> window : windows.entrySet()) {
                pending.add(KeyValue.pair(window.getKey(), window.getValue()));
            }
        }
        pending.sort(ThreadCache.UPDATE_ORDER);
        for (KeyValue<Bytes, ThreadCache.Entry> next : pending) {
            ThreadCache.Entry entry = next.value;
            Windowed<Bytes> key = windowedKey(next.key);
            TreeMap<Bytes, ThreadCache.Entry> windows = dirty.get(key.key());
            if (entry.dirty && windows != null && windows.remove(next.key, entry)) {
                if (windows.isEmpty()) {
                    dirty.remove(key.key());
                }
                context.runWithRecordTimestamp(entry.timestamp, () -> writeDown(key, entry.value, entry.timestamp));
                cache.cleaned(this, identityHash, next.key, entry);
            }
        }
    }

    private void writeDown(Windowed<Bytes> key, byte[] value, long timestamp) {
        byte[] old = listener != null && (sendOldValues || value == null) ? read(key) : null;
        write(key, value);
        if (listener != null && (value != null || old != null)) {
            listener.apply(key, value, sendOldValues ? old : null, timestamp);
        }
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.removeAll(this);
        }
        dirty.clear();
        super.close();
    }

    /** Returns the number of entries waiting to be written down, for tests. */
    int dirtyCount() {
        int count = 0;
        for (TreeMap<Bytes, ThreadCache.Entry> windows : dirty.values()) {
            count += windows.size();
        }
        return count;
    }

    /** Checks that the index holds only dirty entries, each under its own record key, and no empty key (for tests). */
    void checkInvariants() {
        for (Map.Entry<Bytes, TreeMap<Bytes, ThreadCache.Entry>> windows : dirty.entrySet()) {
            if (windows.getValue().isEmpty()) {
                throw new IllegalStateException("Store " + name() + " indexes no window of key " + windows.getKey());
            }
            for (Map.Entry<Bytes, ThreadCache.Entry> window : windows.getValue().entrySet()) {
                if (!window.getValue().dirty || !windowedKey(window.getKey()).key().equals(windows.getKey())) {
                    throw new IllegalStateException("Store " + name() + " indexes a clean or misplaced entry "
                        + window.getKey() + " under key " + windows.getKey());
                }
            }
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
