package dev.runnel.streams.internal.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.runnel.common.utils.Bytes;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The record cache of one stream thread, shared by the caching layers of all its tasks' stores: a Caffeine cache of
 * the entries not yet written down, holding at most {@code statestore.cache.max.bytes / num.stream.threads}
 * bytes (key, value and {@link #ENTRY_OVERHEAD_BYTES} per entry). Consecutive updates of a key collapse into its
 * entry; once a write passes the budget, the cache has its stores write their entries down, and written-down entries
 * leave it.
 * Thread-safe for reads; writes, write-downs and the byte count belong to the owning stream thread.
 */
/*
 * Implementation notes. The cache holds dirty entries only, and bounds them by its own byte count rather than by
 * Caffeine's size policy: Caffeine's W-TinyLFU prefers to evict new entries, and on a workload where every record makes
 * a new entry, evicting dirty ones wrote a store down on nearly every put. A written-down entry is not kept as a clean
 * copy: the stores below are in memory, so a read that misses the cache costs what a cache hit costs, and keeping
 * clean copies cost a Caffeine put per written-down entry.
 *
 * When a write takes the bytes past the budget, the cache writes down dirty stores, the one that became dirty first
 * (since its last write-down) first, until it is within the budget again, as Kafka's ThreadCache flushes named
 * caches. A store writes its own entries down in update order; a write-down forwards downstream, whose writes may make
 * stores dirty (written down in the same round) but start no nested round.
 *
 * Invariant (checkInvariants): every cached entry is dirty, dirtyBytes counts them, and every owner of one is in
 * dirtyOwners.
 */
public final class ThreadCache {
    /** Bytes charged per entry beyond its key and value: the key wrapper, the entry and Caffeine's node. */
    static final int ENTRY_OVERHEAD_BYTES = 96;

    private final Cache<NamedKey, Entry> cache;
    private final long maxDirtyBytes;
    /** The owners holding dirty entries, in the order they got their first since their last write-down. */
    private final LinkedHashSet<Owner> dirtyOwners = new LinkedHashSet<>();
    private long dirtyBytes;
    /** The depth of nested write-downs: a store's write-down forwards downstream, where stores may write down. */
    private int writeDownDepth;

    /** Creates a cache of at most {@code maxBytes}. */
    public ThreadCache(long maxBytes) {
        this.maxDirtyBytes = maxBytes;
        // Unbounded for Caffeine: the byte count above bounds it, and no entry may leave before it is written down.
        this.cache = Caffeine.newBuilder().executor(Runnable::run).build();
    }

    /** A caching layer with entries in this cache, compared by identity. */
    interface Owner {
        /**
         * Writes down every dirty entry in update order, each through {@link #cleaned}; called on the owning thread
         * through {@link #writeDown}.
         */
        void writeDownDirty();
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
     * owning thread may replace the value and timestamp of a dirty entry in place (see {@link #dirtyValueChanged});
     * other threads only read the value.
     */
    static final class Entry {
        volatile byte[] value;
        long timestamp;
        /** The owning store's sequence number of the last update, which orders a flush; owning thread only. */
        long sequence;
        volatile boolean dirty;
        /** Whether a windowed store's write-down has taken this entry (owning thread only). */
        boolean writingDown;

        /** Creates a dirty entry, to be put with {@link #putDirty}. */
        Entry(byte[] value, long timestamp, long sequence) {
            this.value = value;
            this.dirty = true;
            this.timestamp = timestamp;
            this.sequence = sequence;
        }
    }

    /** Returns the bytes an entry of {@code key} and {@code value} is charged. */
    static int bytes(Bytes key, byte[] value) {
        return key.get().length + valueBytes(value) + ENTRY_OVERHEAD_BYTES;
    }

    private static int valueBytes(byte[] value) {
        return value == null ? 0 : value.length;
    }

    /** Returns {@code owner}'s entry of {@code key}, or null; {@code ownerHash} is the owner's identity hash. */
    Entry get(Owner owner, int ownerHash, Bytes key) {
        return cache.getIfPresent(new NamedKey(owner, ownerHash, key));
    }

    /**
     * Caches a new dirty {@code entry} of {@code key}, replacing any entry of it; a dirty entry replaced is dropped
     * (the owner writes down only the newest). The owner must index {@code entry} first: the put may have the cache
     * write owners down, this one included.
     */
    void putDirty(Owner owner, int ownerHash, Bytes key, Entry entry) {
        Entry previous = cache.asMap().put(new NamedKey(owner, ownerHash, key), entry);
        if (previous != null) {
            unpin(key, previous);
        }
        dirtyBytes += bytes(key, entry.value);
        dirtyOwners.add(owner);
        writeDownIfFull();
    }

    /** Accounts the in-place update of a dirty entry's value from {@code oldValue} to {@code newValue}. */
    void dirtyValueChanged(byte[] oldValue, byte[] newValue) {
        dirtyBytes += valueBytes(newValue) - valueBytes(oldValue);
        writeDownIfFull();
    }

    /**
     * Marks {@code entry} of {@code key}, just written down by its owner, clean and drops it from the cache. Does
     * nothing if it is no longer dirty (a newer entry replaced it).
     */
    void cleaned(Owner owner, int ownerHash, Bytes key, Entry entry) {
        if (entry.dirty) {
            cache.asMap().remove(new NamedKey(owner, ownerHash, key), entry);
            unpin(key, entry);
        }
    }

    /** Marks {@code entry} clean and uncounts its bytes, if it is dirty. */
    private void unpin(Bytes key, Entry entry) {
        if (entry.dirty) {
            entry.dirty = false;
            dirtyBytes -= bytes(key, entry.value);
        }
    }

    /** Has {@code owner} write down all its dirty entries. */
    void writeDown(Owner owner) {
        // Removed first: a write the write-down causes downstream may make the owner dirty again.
        dirtyOwners.remove(owner);
        writeDownDepth++;
        try {
            owner.writeDownDirty();
        } finally {
            writeDownDepth--;
        }
    }

    private void writeDownIfFull() {
        if (dirtyBytes <= maxDirtyBytes || writeDownDepth > 0) {
            return;
        }
        while (dirtyBytes > maxDirtyBytes && !dirtyOwners.isEmpty()) {
            writeDown(dirtyOwners.iterator().next());
        }
    }

    /** Drops every entry of {@code owner} (on close, dirty ones included: a closing store writes down first). */
    void removeAll(Owner owner) {
        Iterator<Map.Entry<NamedKey, Entry>> entries = cache.asMap().entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<NamedKey, Entry> next = entries.next();
            if (next.getKey().owner == owner) {
                entries.remove();
                unpin(next.getKey().key, next.getValue());
            }
        }
        dirtyOwners.remove(owner);
    }

    /** Returns the approximate number of cached entries, for tests and metrics. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Returns the bytes of the dirty entries, for tests. */
    long dirtyBytes() {
        return dirtyBytes;
    }

    /** Checks the dirty byte count and the dirty owners against the cached entries (for tests). */
    void checkInvariants() {
        long counted = 0;
        for (Map.Entry<NamedKey, Entry> entry : cache.asMap().entrySet()) {
            if (!entry.getValue().dirty) {
                throw new IllegalStateException("Clean entry " + entry.getKey().key + " left in the cache");
            }
            counted += bytes(entry.getKey().key, entry.getValue().value);
            if (!dirtyOwners.contains(entry.getKey().owner)) {
                throw new IllegalStateException("Dirty entry " + entry.getKey().key + " of an owner not listed");
            }
        }
        if (counted != dirtyBytes || dirtyBytes > maxDirtyBytes && writeDownDepth == 0) {
            throw new IllegalStateException("Dirty bytes: counted " + dirtyBytes + ", cached " + counted
                + ", at most " + maxDirtyBytes);
        }
    }
}
