package dev.runnel.streams.internal.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.runnel.common.header.Headers;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.RecordContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The record cache of one stream thread, shared by the caching layers of all its tasks' stores: per store, a Caffeine
 * cache of its entries not yet written down (a {@link NamedCache}, as Kafka Streams names its caches after stores),
 * together holding at most {@code statestore.cache.max.bytes / num.stream.threads} bytes (key, value and
 * {@link #ENTRY_OVERHEAD_BYTES} per entry). Consecutive updates of a key collapse into its entry; once a write passes
 * the budget, the cache has its stores write their entries down, and written-down entries leave it.
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
 * A store always writes all its entries down at once, so a named cache drops them at once too, with one clear of its
 * Caffeine map instead of a removal per entry (see NamedCache#dropClean). Until then a written-down entry stays
 * readable, clean, and holds what the store below holds.
 *
 * Maps of dirty entries are cleared and reused, never replaced: a table of more than half a G1 region (64K entries at
 * 1 MB regions) is allocated in the old generation, and a dead one keeps its nodes alive, through young collections
 * that copy them, until the next concurrent marking (that cost the windowed count a sixth of its run in pauses).
 *
 * Invariant (checkInvariants): outside a write-down, every cached entry is dirty, dirtyBytes counts them, and every
 * owner of one is in dirtyOwners.
 */
public final class ThreadCache {
    /** Bytes charged per entry beyond its key and value: the key wrapper, the entry and Caffeine's node. */
    static final int ENTRY_OVERHEAD_BYTES = 96;

    /** Set by {@link #resize} from any thread; the owner applies it at its next write. */
    private volatile long maxDirtyBytes;
    /** The named caches of open stores; a set that other threads may read (the size, for metrics). */
    private final Set<NamedCache> namedCaches = ConcurrentHashMap.newKeySet();
    /** The owners holding dirty entries, in the order they got their first since their last write-down. */
    private final LinkedHashSet<Owner> dirtyOwners = new LinkedHashSet<>();
    private long dirtyBytes;
    /** The depth of nested write-downs: a store's write-down forwards downstream, where stores may write down. */
    private int writeDownDepth;

    /** Creates a cache of at most {@code maxBytes}. */
    public ThreadCache(long maxBytes) {
        this.maxDirtyBytes = maxBytes;
    }

    /** A caching layer with entries in this cache, compared by identity. */
    interface Owner {
        /**
         * Writes down every dirty entry in update order, each through {@link NamedCache#cleaned}, then drops them
         * through {@link NamedCache#dropClean}; called on the owning thread through {@link #writeDown}.
         */
        void writeDownDirty();
    }

    /**
     * A cached value ({@code null}: a deletion), whether it still has to be written down, and the context of the
     * record that made it (see {@link InternalStateStoreContext#recordContext()}). The owning thread may replace the
     * value and record context of a dirty entry, or overwrite a value it owns in place (see
     * {@link #overwriteValue}); other threads only read the value, through {@link #valueCopy}.
     */
    static final class Entry {
        private static final VarHandle OVERWRITES;
        private static final VarHandle VALUE;

        static {
            try {
                OVERWRITES = MethodHandles.lookup().findVarHandle(Entry.class, "overwrites", long.class);
                VALUE = MethodHandles.lookup().findVarHandle(Entry.class, "value", byte[].class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The binary key, for stores that keep entries in update order rather than by key. */
        private final Bytes key;
        volatile byte[] value;
        /** Whether {@link #value} is this entry's own copy, which nothing else holds and the owner may overwrite. */
        boolean ownsValue;
        /** Odd while the owning thread overwrites the value in place: a reader on another thread retries then. */
        @SuppressWarnings("unused")
        private long overwrites;
        /** The timestamp, position and headers of the record that made the value, for the write-down. */
        long timestamp;
        long offset;
        int partition;
        String topic;
        /** {@code null} for none: a reference store per update costs a GC write barrier, so empty ones are not kept. */
        Headers headers;
        /** The owning store's sequence number of the last update, which orders a flush; owning thread only. */
        long sequence;
        /** Whether the entry still has to be written down (owning thread only). */
        boolean dirty;
        /** Whether a write-down has taken this entry (owning thread only). */
        boolean writingDown;

        /**
         * Creates a dirty entry, to be put with {@link NamedCache#putDirty}. The value is set plainly: a volatile
         * store here costs a full fence per new entry, and other threads only ever see the entry through the
         * concurrent cache's put, which publishes it.
         */
        Entry(Bytes key, byte[] value, RecordContext madeBy, long sequence) {
            this.key = key;
            VALUE.set(this, value);
            this.dirty = true;
            this.sequence = sequence;
            madeBy(madeBy);
        }

        /**
         * Keeps the timestamp, position and headers of {@code record} (null outside processing), the one that made the
         * value. Fields rather than the context object: storing a new young object into an old entry on every update
         * cost a word count 6% in GC write barriers. References are stored only when they change, which a task's topic
         * and a header-less record's headers do not.
         */
        void madeBy(RecordContext record) {
            timestamp = record == null ? 0L : Math.max(0L, record.timestamp());
            offset = record == null ? -1L : record.offset();
            partition = record == null ? -1 : record.partition();
            String recordTopic = record == null ? null : record.topic();
            if (topic != recordTopic) {
                topic = recordTopic;
            }
            Headers recordHeaders = record == null ? null : record.headers();
            Headers kept = recordHeaders == null || recordHeaders.toArray().length == 0 ? null : recordHeaders;
            if (headers != kept) {
                headers = kept;
            }
        }

        /** Enters the context of the record that made the value into {@code context}; returns the one it replaced. */
        Object enterMadeBy(InternalStateStoreContext context) {
            return context.enterRecordContext(timestamp, topic, partition, offset, headers);
        }

        Bytes key() {
            return key;
        }

        /**
         * Overwrites the value, which this entry owns, with {@code newValue} of the same length; owning thread. The
         * array keeps its place in the heap, so the next read of a hot key finds it in the CPU cache rather than a
         * new array somewhere in the young generation (a fifth of a word count's time went to that miss).
         */
        void overwriteValue(byte[] newValue) {
            long count = (long) OVERWRITES.getOpaque(this);
            OVERWRITES.setOpaque(this, count + 1);
            VarHandle.storeStoreFence();
            System.arraycopy(newValue, 0, value, 0, newValue.length);
            OVERWRITES.setRelease(this, count + 2);
        }

        /** Returns a copy of the value that no overwrite tore; for threads other than the owning one. */
        byte[] valueCopy() {
            while (true) {
                long before = (long) OVERWRITES.getAcquire(this);
                byte[] current = value;
                byte[] copy = current == null ? null : current.clone();
                VarHandle.loadLoadFence();
                if ((before & 1) == 0 && (long) OVERWRITES.getOpaque(this) == before) {
                    return copy;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Returns the bytes an entry of {@code key} and {@code value} is charged. */
    static int bytes(Bytes key, byte[] value) {
        return key.get().length + valueBytes(value) + ENTRY_OVERHEAD_BYTES;
    }

    private static int valueBytes(byte[] value) {
        return value == null ? 0 : value.length;
    }

    /** Returns a new named cache for {@code owner}'s entries; {@link NamedCache#close} releases it. */
    NamedCache register(Owner owner) {
        NamedCache named = new NamedCache(owner);
        namedCaches.add(named);
        return named;
    }

    /** One store's entries, by binary key. */
    final class NamedCache {
        private final Owner owner;
        private final Cache<Bytes, Entry> entries = Caffeine.newBuilder().executor(Runnable::run).build();

        private NamedCache(Owner owner) {
            // Unbounded for Caffeine: the byte count bounds it, and no entry may leave before it is written down.
            this.owner = owner;
        }

        /** Returns the entry of {@code key}, or null; any thread. */
        Entry get(Bytes key) {
            return entries.getIfPresent(key);
        }

        /**
         * Returns the entries whose keys {@code test} accepts, in key order, each with a copy of its value (null for
         * a deletion); any thread. It reads every entry: for interactive queries' scans, not hot paths.
         */
        List<KeyValue<Bytes, byte[]>> snapshot(Predicate<Bytes> test) {
            List<KeyValue<Bytes, byte[]>> found = new ArrayList<>();
            entries.asMap().forEach((key, entry) -> {
                if (test.test(key)) {
                    found.add(KeyValue.pair(key, entry.valueCopy()));
                }
            });
            found.sort(Comparator.comparing(entry -> entry.key));
            return found;
        }

        /**
         * Caches a new dirty {@code entry} of {@code key}, replacing any entry of it; a dirty entry replaced is dropped
         * (the owner writes down only the newest). The owner must index {@code entry} first: the put may have the
         * cache write owners down, this one included. Returns whether it replaced a dirty entry.
         */
        boolean putDirty(Bytes key, Entry entry) {
            Entry previous = entries.asMap().put(key, entry);
            boolean replacedDirty = previous != null && previous != entry && previous.dirty;
            if (previous != null && previous != entry) {
                unpin(key, previous);
            }
            // A new entry is dirty already (no volatile write for it); a written-down one updated again becomes dirty.
            if (!entry.dirty) {
                entry.dirty = true;
            }
            dirtyBytes += bytes(key, entry.value);
            dirtyOwners.add(owner);
            writeDownIfFull();
            return replacedDirty;
        }

        /** Accounts the in-place update of a dirty entry's value from {@code oldValue} to {@code newValue}. */
        void dirtyValueChanged(byte[] oldValue, byte[] newValue) {
            dirtyBytes += valueBytes(newValue) - valueBytes(oldValue);
            writeDownIfFull();
        }

        /**
         * Marks {@code entry} of {@code key}, just written down by the owner, clean (and no longer taken by a
         * write-down). It stays readable until {@link #dropClean}. Does nothing if it is no longer dirty (a newer
         * entry replaced it).
         */
        void cleaned(Bytes key, Entry entry) {
            unpin(key, entry);
            entry.writingDown = false;
        }

        /**
         * Drops the written-down entries, after the owner's write-down; entries its own forwarding made dirty again
         * stay.
         */
        void dropClean() {
            if (dirtyOwners.contains(owner)) {
                entries.asMap().values().removeIf(entry -> !entry.dirty);
            } else {
                entries.asMap().clear();
            }
        }

        /** Drops every entry (on close, dirty ones included: a closing store writes down first). */
        void close() {
            entries.asMap().forEach(ThreadCache.this::unpin);
            entries.asMap().clear();
            dirtyOwners.remove(owner);
            namedCaches.remove(this);
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

    /**
     * Changes the budget (a stream thread was added to or removed from the client, which shares its cache bytes among
     * them); any thread. The owning thread writes down what exceeds it at its next write.
     */
    public void resize(long maxBytes) {
        this.maxDirtyBytes = maxBytes;
    }

    /** Returns the approximate number of cached entries, for tests and metrics. */
    public long size() {
        long size = 0;
        for (NamedCache named : namedCaches) {
            named.entries.cleanUp();
            size += named.entries.estimatedSize();
        }
        return size;
    }

    /** Returns the bytes of the dirty entries, for tests. */
    long dirtyBytes() {
        return dirtyBytes;
    }

    /** Checks the dirty byte count and the dirty owners against the cached entries (for tests). */
    void checkInvariants() {
        long counted = 0;
        for (NamedCache named : namedCaches) {
            for (Map.Entry<Bytes, Entry> entry : named.entries.asMap().entrySet()) {
                if (!entry.getValue().dirty) {
                    throw new IllegalStateException("Clean entry " + entry.getKey() + " left in the cache");
                }
                counted += bytes(entry.getKey(), entry.getValue().value);
                if (!dirtyOwners.contains(named.owner)) {
                    throw new IllegalStateException("Dirty entry " + entry.getKey() + " of an owner not listed");
                }
            }
        }
        if (counted != dirtyBytes || dirtyBytes > maxDirtyBytes && writeDownDepth == 0) {
            throw new IllegalStateException("Dirty bytes: counted " + dirtyBytes + ", cached " + counted
                + ", at most " + maxDirtyBytes);
        }
    }
}
