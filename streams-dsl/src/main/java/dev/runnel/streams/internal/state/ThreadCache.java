package dev.runnel.streams.internal.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The record cache of one stream thread, shared by the caching layers of all its tasks' stores, holding at most
 * {@code statestore.cache.max.bytes / num.stream.threads} bytes (key, value and {@link #ENTRY_OVERHEAD_BYTES} per
 * entry): half for clean entries, which Caffeine bounds and evicts by itself, and half for dirty entries, which the
 * cache counts itself and has their stores write down once a write passes that half. Thread-safe for reads; writes,
 * write-downs and the dirty byte count belong to the owning stream thread.
 */
/*
 * Implementation notes. Dirty entries are pinned: they weigh 0, and Caffeine never evicts a zero-weight entry for
 * size, so an eviction drops a clean entry and never has to write anything down (W-TinyLFU prefers to evict new
 * entries, and on a workload where every record makes a new dirty entry, evicting dirty ones wrote a store down on
 * nearly every put). A written-down entry is clean and is put again so that Caffeine weighs it, but only once no store
 * is dirty: Caffeine's admission window keeps zero-weight nodes at its head and skips them on every eviction, so
 * putting clean entries back beside many dirty ones costs a walk over the dirty ones each (quadratic in a write-down).
 * Until then a written-down entry is out of Caffeine (reads find it in the store below) and still counted as dirty.
 *
 * When a write takes the dirty bytes past their half, the cache writes down every dirty store, the one that became
 * dirty first (since its last write-down) first, as Kafka's ThreadCache flushes named caches; all of them, since the
 * written entries go back only then. A store writes its own entries down in update order; a write-down forwards
 * downstream, whose writes may make stores dirty (written down in the same round) but start no nested round.
 *
 * Invariant (checkInvariants): dirtyBytes counts the cached entries whose dirty flag is set and the written-down
 * ones waiting to go back; a dirty flag is set only on a cached entry; every owner of a dirty entry is in
 * dirtyOwners.
 */
public final class ThreadCache {
    /** Bytes charged per entry beyond its key and value: the key wrapper, the entry and Caffeine's node. */
    static final int ENTRY_OVERHEAD_BYTES = 96;

    /** Orders a caching layer's dirty entries (with their keys) as they were last updated, the order of a flush. */
    static final Comparator<KeyValue<Bytes, Entry>> UPDATE_ORDER =
        Comparator.comparingLong(pending -> pending.value.sequence);

    private final Cache<NamedKey, Entry> cache;
    private final long maxDirtyBytes;
    /** The owners holding dirty entries, in the order they got their first since their last write-down. */
    private final LinkedHashSet<Owner> dirtyOwners = new LinkedHashSet<>();
    /** Written-down entries to put back into Caffeine once no store is dirty; their bytes count as dirty. */
    private final List<KeyValue<NamedKey, Entry>> written = new ArrayList<>();
    private long dirtyBytes;
    /** The depth of nested write-downs: a store's write-down forwards downstream, where stores may write down. */
    private int writeDownDepth;

    /** Creates a cache of at most {@code maxBytes}. */
    public ThreadCache(long maxBytes) {
        this.maxDirtyBytes = maxBytes / 2;
        this.cache = Caffeine.newBuilder()
            .maximumWeight(maxBytes - maxDirtyBytes)
            .weigher((NamedKey key, Entry entry) -> entry.dirty ? 0 : bytes(key.key, entry.value))
            .executor(Runnable::run)
            .build();
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
     * Marks {@code entry} of {@code key}, just written down by its owner, clean; it goes back into Caffeine, weighed,
     * once no store is dirty. Does nothing if it is no longer dirty (a newer entry replaced it).
     */
    void cleaned(Owner owner, int ownerHash, Bytes key, Entry entry) {
        if (entry.dirty) {
            entry.dirty = false;
            NamedKey namedKey = new NamedKey(owner, ownerHash, key);
            cache.asMap().remove(namedKey, entry);
            written.add(KeyValue.pair(namedKey, entry));
        }
    }

    /** Puts the written-down entries back (unless a newer entry took their place) and uncounts their bytes. */
    private void readmitWritten() {
        // Newest first: a key written down twice is held twice, and only its newer entry may go back.
        for (int i = written.size() - 1; i >= 0; i--) {
            KeyValue<NamedKey, Entry> next = written.get(i);
            dirtyBytes -= bytes(next.key.key, next.value.value);
            cache.asMap().putIfAbsent(next.key, next.value);
        }
        written.clear();
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
        if (writeDownDepth == 0 && dirtyOwners.isEmpty()) {
            readmitWritten();
        }
    }

    private void writeDownIfFull() {
        if (dirtyBytes <= maxDirtyBytes || writeDownDepth > 0) {
            return;
        }
        // Every dirty store, oldest first, until the written entries can go back: the bytes held out count as dirty.
        while (!dirtyOwners.isEmpty()) {
            writeDown(dirtyOwners.iterator().next());
        }
    }

    /** Drops every entry of {@code owner} (on close, dirty ones included: a closing store writes down first). */
    void removeAll(Owner owner) {
        Iterator<KeyValue<NamedKey, Entry>> held = written.iterator();
        while (held.hasNext()) {
            KeyValue<NamedKey, Entry> next = held.next();
            if (next.key.owner == owner) {
                held.remove();
                dirtyBytes -= bytes(next.key.key, next.value.value);
            }
        }
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
        for (KeyValue<NamedKey, Entry> next : written) {
            counted += bytes(next.key.key, next.value.value);
        }
        for (Map.Entry<NamedKey, Entry> entry : cache.asMap().entrySet()) {
            if (entry.getValue().dirty) {
                counted += bytes(entry.getKey().key, entry.getValue().value);
                if (!dirtyOwners.contains(entry.getKey().owner)) {
                    throw new IllegalStateException("Dirty entry " + entry.getKey().key + " of an owner not listed");
                }
            }
        }
        if (counted != dirtyBytes || dirtyBytes > maxDirtyBytes && writeDownDepth == 0) {
            throw new IllegalStateException("Dirty bytes: counted " + dirtyBytes + ", cached " + counted
                + ", at most " + maxDirtyBytes);
        }
    }
}
