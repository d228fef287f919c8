package dev.runnel.streams.internal.state;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.runnel.common.header.Headers;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.RecordContext;
import dev.runnel.streams.processor.TaskId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The record cache of one stream thread, shared by the caching layers of all its tasks' stores: per store, a Caffeine
 * cache of its cached entries (a {@link NamedCache}, as Kafka Streams names its caches after stores), whose dirty
 * entries, those not yet written down, and clean copies, written-down entries of window and session stores kept for
 * reads, together hold at most {@code statestore.cache.max.bytes / num.stream.threads} bytes (key, value and
 * {@link #ENTRY_OVERHEAD_BYTES} per entry). Consecutive updates of a key collapse into its entry; once a write passes
 * the budget, the cache drops its oldest clean copies and, if the dirty entries alone pass it, has its stores write
 * their oldest dirty entries down until it is within the budget again.
 * Thread-safe for reads; writes, write-downs and the byte count belong to the owning stream thread.
 */
/*
 * Implementation notes. The cache bounds dirty entries by its own byte count rather than by a cache library's size
 * policy: Caffeine's W-TinyLFU prefers to evict new entries, and on a workload where every record makes a new entry,
 * evicting dirty ones wrote a store down on nearly every put; and no policy of a library writes entries down in update
 * order before they leave. Key-value stores keep no clean copies (a key-value layer keeps its entries of the last flush
 * for one more round, to update them again in place): their stores below are in memory and never expire a key, so a
 * read that misses the cache costs what a hit costs and finds the same value. Window and session stores keep theirs,
 * as Kafka's cache keeps every written-down entry until it evicts it, because their stores expire windows: Kafka's
 * caching layer serves a window or session its store has expired from its cache, and an aggregation reading it there
 * (a session merged with an out-of-order record, a window updated near its retention's end) sees it where the store
 * alone would not. Clean copies leave oldest first, before any dirty entry is written down, so they change neither
 * when nor what the stores write down; a store that keeps thousands drops them all at once instead (see
 * AbstractCachingWindowedStore#dropAllCleanCopies).
 *
 * When a write takes the bytes past the budget, the cache has the dirty stores write down their least recently
 * updated entries until the bytes are a sixty-fourth below the budget (a write-down per write past it would pay the
 * round's fixed costs per record), as Kafka's NamedCache evicts its least recently used entries. The stores take turns
 * in the order they became dirty, each writing down the whole excess, and a store that stays dirty goes to the back,
 * as Kafka's ThreadCache goes round its named caches. Writing down only the oldest entries, rather than whole stores,
 * keeps the recently updated keys cached, so their updates go on collapsing: a word count over 200K keys, twice what
 * fits, wrote its store down whole every 120K words and ran at a tenth of its speed over 10K keys. A store writes its
 * own entries down in update order (window and session stores write all theirs, see AbstractCachingWindowedStore); a
 * write-down forwards downstream, whose writes may make stores dirty (written down in the same round) but start no
 * nested round.
 *
 * One concurrent map per store serves both the owning thread's reads and other threads' (interactive queries): a
 * second, plain map for the owning thread would cost a put and a removal per new key, each a cache miss once the keys
 * outgrow the CPU cache. Until it leaves the map, a written-down entry is readable, clean, and holds what the store
 * below holds or, once the store has expired it, held.
 *
 * Maps of dirty entries are cleared and reused, never replaced: a table of more than half a G1 region (64K entries at
 * 1 MB regions) is allocated in the old generation, and a dead one keeps its nodes alive, through young collections
 * that copy them, until the next concurrent marking (that cost the windowed count a sixth of its run in pauses).
 *
 * Invariant (checkInvariants): outside a write-down, each named cache's dirty (clean) byte count counts its dirty
 * entries (clean copies), the cache's counts are their sums, and every named cache with dirty entries (clean copies) is
 * in dirtyCaches (cleanCaches).
 */
public final class ThreadCache {
    /** Bytes charged per entry beyond its key and value: the key wrapper, the entry and its map node. */
    static final int ENTRY_OVERHEAD_BYTES = 96;
    /** A write-down for a write past the budget brings the bytes this fraction of the budget below it. */
    private static final int HEADROOM_DIVISOR = 64;

    /** Set by {@link #resize} from any thread; the owner applies it at its next write. */
    private volatile long maxBytes;
    /** The named caches of open stores; a set that other threads may read (the size, for metrics). */
    private final Set<NamedCache> namedCaches = ConcurrentHashMap.newKeySet();
    /** The named caches holding dirty entries, in the order they take turns writing down their oldest. */
    private final LinkedHashSet<NamedCache> dirtyCaches = new LinkedHashSet<>();
    /** The named caches holding clean copies, in the order they take turns dropping their oldest. */
    private final LinkedHashSet<NamedCache> cleanCaches = new LinkedHashSet<>();
    private long dirtyBytes;
    private long cleanBytes;
    /** The depth of nested write-downs: a store's write-down forwards downstream, where stores may write down. */
    private int writeDownDepth;

    /** Creates a cache of at most {@code maxBytes}. */
    public ThreadCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A caching layer with entries in this cache, compared by identity. */
    interface Owner {
        /**
         * Writes down every dirty entry in update order, each through {@link NamedCache#cleaned}, then drops them
         * through {@link NamedCache#remove} or keeps them through {@link NamedCache#keepClean}; called on the owning
         * thread through {@link NamedCache#writeDown}.
         */
        void writeDownDirty();

        /**
         * Writes down, as {@link #writeDownDirty} does, the least recently updated dirty entries that hold at least
         * {@code bytes} (all, if they hold fewer), and drops them; called on the owning thread when the cache is full.
         * All of them by default.
         */
        default void writeDownOldest(long bytes) {
            writeDownDirty();
        }

        /**
         * Drops its oldest clean copies (see {@link NamedCache#keepClean}) that hold at least {@code bytes}, each
         * through {@link NamedCache#evictClean}; called on the owning thread when the cache is full. None by default.
         */
        default void evictOldestClean(long bytes) {
        }
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
        /** The entry's position in the owner's {@link UpdateLog}, or -1 if unlisted (owning thread only). */
        long logPosition = -1;
        /** Whether the entry still has to be written down (owning thread only). */
        boolean dirty;
        /** Whether a write-down has taken this entry (owning thread only). */
        boolean writingDown;
        /**
         * The clean-copy round of its cache in which the entry was kept after its write-down, counted in the clean
         * bytes; it is a clean copy while that round lasts (see {@link NamedCache#isCleanCopy}). Owning thread only.
         */
        long cleanRound = -1;
        /** Whether a newer entry of its key, or a removal, has taken the entry's place (owning thread only). */
        boolean superseded;

        /**
         * Creates a dirty entry, to be put with {@link NamedCache#putDirty}. The value is set plainly: a volatile
         * store here costs a full fence per new entry, and other threads only ever see the entry through the
         * concurrent cache's put, which publishes it.
         */
        Entry(Bytes key, byte[] value, RecordContext madeBy) {
            this.key = key;
            VALUE.set(this, value);
            this.dirty = true;
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

    /**
     * Returns a new named cache for {@code owner}'s entries, whose reads and write-downs {@code hitRatio} counts;
     * {@link NamedCache#close} releases it.
     */
    NamedCache register(Owner owner, TaskId task, CacheHitRatio hitRatio) {
        NamedCache named = new NamedCache(owner, task, hitRatio);
        namedCaches.add(named);
        return named;
    }

    /** One store's entries, by binary key. */
    final class NamedCache {
        private final Owner owner;
        /** The task of the store, whose cache-size-bytes-total counts this cache's bytes. */
        private final TaskId task;
        private final CacheHitRatio hitRatio;
        /**
         * A Caffeine cache, unbounded: the byte count bounds the dirty entries, and none may leave before it is
         * written down. Read through its concurrent map view, which the owning thread and queries share.
         */
        private final ConcurrentMap<Bytes, Entry> entries =
            Caffeine.newBuilder().executor(Runnable::run).<Bytes, Entry>build().asMap();
        /** The bytes of this store's dirty entries (written by the owning thread; metrics read it from any). */
        private long dirtyBytes;
        /** The bytes of this store's clean copies (as {@link #dirtyBytes}). */
        private long cleanBytes;
        /** The round of clean copies: {@link #dropAllClean} ends it, and the copies kept in it stop being ones. */
        private long cleanRound;

        private NamedCache(Owner owner, TaskId task, CacheHitRatio hitRatio) {
            this.owner = owner;
            this.task = task;
            this.hitRatio = hitRatio;
        }

        /** Returns the entry of {@code key}, or null; any thread. */
        Entry get(Bytes key) {
            return entries.get(key);
        }

        /** Returns the entry of {@code key}, or null, for a read of the store (which the hit ratio counts). */
        Entry read(Bytes key) {
            Entry entry = entries.get(key);
            hitRatio.read(entry != null);
            return entry;
        }

        /**
         * Returns the entries whose keys {@code test} accepts, in key order, each with a copy of its value (null for
         * a deletion); any thread. It reads every entry: for interactive queries' scans, not hot paths.
         */
        List<KeyValue<Bytes, byte[]>> snapshot(Predicate<Bytes> test) {
            List<KeyValue<Bytes, byte[]>> found = new ArrayList<>();
            entries.forEach((key, entry) -> {
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
            Entry previous = entries.put(key, entry);
            boolean replacedDirty = previous != null && previous.dirty;
            if (previous != null) {
                previous.superseded = true;
                unpin(previous);
                uncountClean(previous);
            }
            dirtyCaches.add(this);
            addDirty(bytes(key, entry.value));
            return replacedDirty;
        }

        /**
         * Makes {@code entry}, still cached but written down (clean), dirty again after the owner updated it; as
         * {@link #putDirty}, the update may have the cache write owners down.
         */
        void markDirty(Entry entry) {
            entry.dirty = true;
            dirtyCaches.add(this);
            addDirty(bytes(entry.key(), entry.value));
        }

        /** Accounts the in-place update of a dirty entry's value from {@code oldValue} to {@code newValue}. */
        void dirtyValueChanged(byte[] oldValue, byte[] newValue) {
            addDirty(valueBytes(newValue) - valueBytes(oldValue));
        }

        private void addDirty(long bytes) {
            dirtyBytes += bytes;
            ThreadCache.this.dirtyBytes += bytes;
            writeDownIfFull();
        }

        /**
         * Marks {@code entry}, just written down by the owner, clean (and no longer taken by a write-down). It stays
         * readable until {@link #remove}, or, kept through {@link #keepClean}, {@link #evictClean}. Does nothing if it
         * is no longer dirty (a newer entry replaced it).
         */
        void cleaned(Entry entry) {
            hitRatio.read(true);
            unpin(entry);
            entry.writingDown = false;
        }

        /** Drops {@code entry}, clean, from the cache, unless a newer entry of its key replaced it. */
        void remove(Entry entry) {
            if (entries.remove(entry.key(), entry)) {
                entry.superseded = true;
            }
        }

        /**
         * Keeps {@code entry}, just written down (see {@link #cleaned}), as a clean copy: readable until a newer entry
         * of its key replaces it or the owner drops it through {@link #evictClean} when the cache is full, as Kafka's
         * record cache keeps written-down entries until it evicts them. Its bytes count towards the cache's budget.
         * Does nothing if a newer entry replaced it meanwhile.
         */
        void keepClean(Entry entry) {
            if (entry.superseded || entry.dirty || isCleanCopy(entry)) {
                return;
            }
            entry.cleanRound = cleanRound;
            long bytes = bytes(entry.key(), entry.value);
            cleanBytes += bytes;
            ThreadCache.this.cleanBytes += bytes;
            cleanCaches.add(this);
        }

        /** Whether {@code entry} is a clean copy of this cache (kept, and not dropped since). */
        boolean isCleanCopy(Entry entry) {
            return entry.cleanRound == cleanRound;
        }

        /**
         * Drops every clean copy at once, after the owner wrote all its dirty entries down: one clear of the map (or a
         * pass over it, if forwarding made entries dirty again) instead of a removal per copy.
         */
        void dropAllClean() {
            cleanRound++;
            ThreadCache.this.cleanBytes -= cleanBytes;
            cleanBytes = 0;
            cleanCaches.remove(this);
            if (dirtyBytes > 0) {
                entries.values().removeIf(entry -> !entry.dirty);
            } else {
                entries.clear();
            }
        }

        /** Drops the clean copy {@code entry}; does nothing if it is no longer one (a newer entry replaced it). */
        void evictClean(Entry entry) {
            if (isCleanCopy(entry)) {
                uncountClean(entry);
                remove(entry);
            }
        }

        private void uncountClean(Entry entry) {
            if (isCleanCopy(entry)) {
                entry.cleanRound = -1;
                long bytes = bytes(entry.key(), entry.value);
                cleanBytes -= bytes;
                ThreadCache.this.cleanBytes -= bytes;
            }
        }

        /** Has the owner write down all its dirty entries. */
        void writeDown() {
            dirtyCaches.remove(this);
            writeDownDepth++;
            try {
                owner.writeDownDirty();
            } finally {
                writeDownDepth--;
                requeueIfDirty();
            }
        }

        /** Has the owner write down its least recently updated dirty entries of at least {@code bytes}. */
        private void writeDownOldest(long bytes) {
            dirtyCaches.remove(this);
            writeDownDepth++;
            try {
                owner.writeDownOldest(bytes);
            } finally {
                writeDownDepth--;
                requeueIfDirty();
            }
        }

        /**
         * Puts this cache back at the end of the dirty ones after a write-down, if it kept dirty entries (updated
         * during the write-down, by its forwarding, or too new for it): they wait for the other stores' turns.
         */
        private void requeueIfDirty() {
            if (dirtyBytes > 0) {
                dirtyCaches.add(this);
            }
        }

        /** Returns the number of entries, dirty and clean. */
        int size() {
            return entries.size();
        }

        /** Returns the number of dirty entries, for tests. */
        int dirtyCount() {
            return (int) entries.values().stream().filter(entry -> entry.dirty).count();
        }

        /** Drops every entry (on close, dirty ones included: a closing store writes down first). */
        void close() {
            entries.values().forEach(entry -> {
                unpin(entry);
                uncountClean(entry);
            });
            entries.clear();
            dirtyCaches.remove(this);
            cleanCaches.remove(this);
            namedCaches.remove(this);
        }

        /** Marks {@code entry} clean and uncounts its bytes, if it is dirty. */
        private void unpin(Entry entry) {
            if (entry.dirty) {
                entry.dirty = false;
                long bytes = bytes(entry.key(), entry.value);
                dirtyBytes -= bytes;
                ThreadCache.this.dirtyBytes -= bytes;
            }
        }
    }

    /**
     * When the entries pass the budget: drops clean copies, oldest first, then, if the dirty entries alone pass it,
     * has their stores write the oldest down, until the bytes are a sixty-fourth below the budget.
     */
    private void writeDownIfFull() {
        long maxBytes = this.maxBytes;
        if (dirtyBytes + cleanBytes <= maxBytes || writeDownDepth > 0) {
            return;
        }
        long target = maxBytes - maxBytes / HEADROOM_DIVISOR;
        while (dirtyBytes + cleanBytes > target && !cleanCaches.isEmpty()) {
            NamedCache named = cleanCaches.iterator().next();
            cleanCaches.remove(named);
            long before = named.cleanBytes;
            named.owner.evictOldestClean(dirtyBytes + cleanBytes - target);
            if (named.cleanBytes > 0 && named.cleanBytes < before) {
                cleanCaches.add(named);
            }
        }
        if (dirtyBytes <= maxBytes) {
            return;
        }
        while (dirtyBytes > target && !dirtyCaches.isEmpty()) {
            dirtyCaches.iterator().next().writeDownOldest(dirtyBytes - target);
        }
    }

    /**
     * Changes the budget (a stream thread was added to or removed from the client, which shares its cache bytes among
     * them); any thread. The owning thread writes down what exceeds it at its next write.
     */
    public void resize(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Returns the approximate number of cached entries, for tests and metrics. */
    public long size() {
        long size = 0;
        for (NamedCache named : namedCaches) {
            size += named.entries.size();
        }
        return size;
    }

    /**
     * Returns the bytes the cache holds for {@code task}'s stores, dirty entries and clean copies, for its metrics; any
     * thread, so it may lag the owning thread's last writes.
     */
    public long taskBytes(TaskId task) {
        long bytes = 0;
        for (NamedCache named : namedCaches) {
            if (named.task.equals(task)) {
                bytes += named.dirtyBytes + named.cleanBytes;
            }
        }
        return bytes;
    }

    /** Returns the bytes of the dirty entries, for tests. */
    long dirtyBytes() {
        return dirtyBytes;
    }

    /** Checks the byte counts and the dirty and clean caches against the cached entries (for tests). */
    void checkInvariants() {
        long totalDirty = 0;
        long totalClean = 0;
        for (NamedCache named : namedCaches) {
            long dirty = 0;
            long clean = 0;
            for (Map.Entry<Bytes, Entry> cached : named.entries.entrySet()) {
                Entry entry = cached.getValue();
                boolean cleanCopy = named.isCleanCopy(entry);
                if (!entry.key().equals(cached.getKey()) || entry.superseded || entry.dirty && cleanCopy) {
                    throw new IllegalStateException("Entry of " + entry.key() + " cached under " + cached.getKey()
                        + ", superseded " + entry.superseded + ", dirty " + entry.dirty + ", clean copy " + cleanCopy);
                }
                dirty += entry.dirty ? bytes(cached.getKey(), entry.value) : 0;
                clean += cleanCopy ? bytes(cached.getKey(), entry.value) : 0;
            }
            if (dirty != named.dirtyBytes || dirty > 0 && !dirtyCaches.contains(named)
                || clean != named.cleanBytes || clean > 0 && !cleanCaches.contains(named)) {
                throw new IllegalStateException("Named cache: dirty bytes counted " + named.dirtyBytes + ", cached "
                    + dirty + ", listed dirty: " + dirtyCaches.contains(named) + "; clean bytes counted "
                    + named.cleanBytes + ", cached " + clean + ", listed clean: " + cleanCaches.contains(named));
            }
            totalDirty += dirty;
            totalClean += clean;
        }
        if (totalDirty != dirtyBytes || totalClean != cleanBytes || dirtyBytes > maxBytes && writeDownDepth == 0) {
            throw new IllegalStateException("Bytes: dirty counted " + dirtyBytes + ", cached " + totalDirty
                + "; clean counted " + cleanBytes + ", cached " + totalClean + "; at most " + maxBytes);
        }
    }
}
