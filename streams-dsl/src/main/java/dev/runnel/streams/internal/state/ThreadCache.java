package dev.runnel.streams.internal.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.runnel.common.utils.Bytes;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The record cache of one stream thread, shared by the caching layers of all its tasks' stores: a Caffeine cache
 * bounded by {@code statestore.cache.max.bytes / num.stream.threads}, weighed by key and value bytes. A dirty entry
 * that Caffeine evicts is queued and handed back to its store on that store's next operation (see
 * {@link #drainEvictions()}), so the store writes it down and forwards it outside Caffeine's callback. Thread-safe for
 * reads; writes and drains come from the owning stream thread.
 */
public final class ThreadCache {
    /** Bytes charged per entry beyond its key and value: the key wrapper, the entry and Caffeine's node. */
    static final int ENTRY_OVERHEAD_BYTES = 96;

    private final Cache<NamedKey, Entry> cache;
    private final Queue<NamedKey> evicted = new ConcurrentLinkedQueue<>();
    private final Queue<Entry> evictedEntries = new ConcurrentLinkedQueue<>();

    /** Creates a cache of at most {@code maxBytes}. */
    public ThreadCache(long maxBytes) {
        this.cache = Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((NamedKey key, Entry entry) -> key.key.get().length
                + (entry.value == null ? 0 : entry.value.length) + ENTRY_OVERHEAD_BYTES)
            .executor(Runnable::run)
            .evictionListener((NamedKey key, Entry entry, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                if (key != null && entry != null && cause.wasEvicted() && entry.dirty) {
                    synchronized (this) {
                        evicted.add(key);
                        evictedEntries.add(entry);
                    }
                }
            })
            .build();
    }

    /** A store's key. The store is compared by identity. */
    record NamedKey(CachingKeyValueStore store, Bytes key) {
        @Override
        public boolean equals(Object other) {
            return other instanceof NamedKey that && store == that.store && key.equals(that.key);
        }

        @Override
        public int hashCode() {
            return 31 * store.identityHash() + key.hashCode();
        }
    }

    /**
     * A cached value ({@code null}: a deletion), whether it still has to be written down, and its timestamp. The
     * owning thread may replace the value and timestamp of a dirty entry in place (see
     * {@link CachingKeyValueStore#put}) when the weight stays the same; other threads only read the value.
     */
    static final class Entry {
        volatile byte[] value;
        long timestamp;
        /** The owning store's sequence number of the last update, which orders a flush; owning thread only. */
        long sequence;
        volatile boolean dirty;

        Entry(byte[] value, boolean dirty, long timestamp) {
            this.value = value;
            this.dirty = dirty;
            this.timestamp = timestamp;
        }

        /** Whether {@code newValue} weighs what the current value weighs. */
        boolean sameWeight(byte[] newValue) {
            byte[] current = value;
            return current == null ? newValue == null : newValue != null && newValue.length == current.length;
        }
    }

    Entry get(CachingKeyValueStore store, Bytes key) {
        return cache.getIfPresent(new NamedKey(store, key));
    }

    void put(CachingKeyValueStore store, Bytes key, Entry entry) {
        cache.put(new NamedKey(store, key), entry);
    }

    /** Hands every evicted dirty entry back to its store, in eviction order. */
    void drainEvictions() {
        while (true) {
            NamedKey key;
            Entry entry;
            synchronized (this) {
                key = evicted.poll();
                entry = evictedEntries.poll();
            }
            if (key == null) {
                return;
            }
            key.store.flushEvicted(key.key, entry);
        }
    }

    boolean hasEvictions() {
        return !evicted.isEmpty();
    }

    /** Drops every entry of {@code store} (on close; dirty ones were flushed before). */
    void removeAll(CachingKeyValueStore store) {
        cache.asMap().keySet().removeIf(key -> key.store == store);
    }

    /** Returns the approximate number of cached entries, for tests and metrics. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
