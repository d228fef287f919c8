package dev.runnel.streams.internal.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import java.util.Comparator;
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

    /** Orders a caching layer's dirty entries (with their keys) as they were last updated, the order of a flush. */
    static final Comparator<KeyValue<Bytes, Entry>> UPDATE_ORDER =
        Comparator.comparingLong(pending -> pending.value.sequence);

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

    /** A caching layer with entries in this cache, compared by identity. */
    interface Owner {
        /** Writes down (at least) an entry the cache evicted while dirty; called on the owning thread, from a drain. */
        void flushEvicted(Bytes key, Entry entry);
    }

    /**
     * A store's key. It carries the owner's identity hash (which the owner computes once) so that hashing a key calls
     * nothing on the owner: the key-value layer's get and put hash one on every call.
     */
    record NamedKey(Owner owner, int ownerHash, Bytes key) {
        @Override
        public boolean equals(Object other) {
            return other instanceof NamedKey that && owner == that.owner && key.equals(that.key);
        }

        @Override
        public int hashCode() {
            return 31 * ownerHash + key.hashCode();
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

    /** Returns {@code owner}'s entry of {@code key}, or null; {@code ownerHash} is the owner's identity hash. */
    Entry get(Owner owner, int ownerHash, Bytes key) {
        return cache.getIfPresent(new NamedKey(owner, ownerHash, key));
    }

    void put(Owner owner, int ownerHash, Bytes key, Entry entry) {
        cache.put(new NamedKey(owner, ownerHash, key), entry);
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
            key.owner.flushEvicted(key.key, entry);
        }
    }

    boolean hasEvictions() {
        return !evicted.isEmpty();
    }

    /** Drops every entry of {@code owner} (on close; dirty ones were flushed before). */
    void removeAll(Owner owner) {
        cache.asMap().keySet().removeIf(key -> key.owner == owner);
    }

    /** Returns the approximate number of cached entries, for tests and metrics. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
