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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The innermost key-value store: serialized keys iterated in {@link Bytes} order (unsigned lexicographic), like
 * Kafka's stores. Iterators walk a snapshot taken at creation, so writes during iteration neither fail nor show.
 * Thread-safe: every method is synchronized, so interactive queries may read while the task writes.
 */
/*
 * Implementation notes. Point reads and writes (the per-record path of counts, joins and tables) go to a HashMap,
 * whose Bytes keys cache their hash: no byte-array comparisons. The key order lives in a separate TreeSet that is
 * built on the first range, prefix or full scan and from then on is maintained only when a key is added or removed
 * (an update of an existing key does not touch it). Stores that are never scanned never pay for the ordering, and a
 * scanned store pays O(log n) per new or deleted key, as a TreeMap would.
 */
public final class InMemoryKeyValueStore extends InMemoryStore implements KeyValueStore<Bytes, byte[]> {
    /** Entries beyond it evict the least recently used one ({@code Stores.lruMap}); unbounded by default. */
    private final int maxEntries;
    private final HashMap<Bytes, byte[]> map;
    private Consumer<Bytes> evictionListener = key -> { };
    /** The keys of {@link #map} in order, or {@code null} until a scan needs them. */
    private TreeSet<Bytes> orderedKeys;

    /** Creates a closed store; {@link #init} opens it. */
    public InMemoryKeyValueStore(String name) {
        this(name, Integer.MAX_VALUE);
    }

    /** Creates a closed store holding at most {@code maxEntries}, evicting the least recently read or written. */
    public InMemoryKeyValueStore(String name, int maxEntries) {
        super(name);
        this.maxEntries = maxEntries;
        this.map = maxEntries == Integer.MAX_VALUE ? new HashMap<>() : new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Sets what hears of each key evicted by a put (the change-logging layer, which logs its deletion). */
    public synchronized void whenEvicted(Consumer<Bytes> listener) {
        this.evictionListener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        if (root != null) {
            context.register(root, (key, value) -> restore(Bytes.wrap(key), value));
        }
        setOpen(true);
    }

    private synchronized void restore(Bytes key, byte[] value) {
        write(key, value);
        evictBeyondLimit(false);
    }

    private void write(Bytes key, byte[] value) {
        if (value == null) {
            remove(key);
        } else if (map.put(key, value) == null && orderedKeys != null) {
            orderedKeys.add(key);
        }
    }

    /** Evicts the least recently used entries past {@link #maxEntries}, telling the listener if {@code notify}. */
    private void evictBeyondLimit(boolean notify) {
        while (map.size() > maxEntries) {
            Bytes eldest = map.keySet().iterator().next();
            remove(eldest);
            if (notify) {
                evictionListener.accept(eldest);
            }
        }
    }

    private byte[] remove(Bytes key) {
        byte[] previous = map.remove(key);
        if (previous != null && orderedKeys != null) {
            orderedKeys.remove(key);
        }
        return previous;
    }

    /** Returns the ordered keys, building them on first use. */
    private NavigableSet<Bytes> orderedKeys() {
        TreeSet<Bytes> keys = orderedKeys;
        if (keys == null) {
            keys = new TreeSet<>(map.keySet());
            orderedKeys = keys;
        }
        return keys;
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        requireOpen();
        return map.get(Objects.requireNonNull(key, "key"));
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        requireOpen();
        write(Objects.requireNonNull(key, "key"), value);
        evictBeyondLimit(true);
    }

    @Override
    public synchronized byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public synchronized void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        for (KeyValue<Bytes, byte[]> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public synchronized byte[] delete(Bytes key) {
        requireOpen();
        return remove(Objects.requireNonNull(key, "key"));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return range(from, to, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return range(from, to, true);
    }

    private synchronized KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to, boolean reverse) {
        requireOpen();
        if (from != null && to != null && from.compareTo(to) > 0) {
            return new SnapshotIterator(name, List.of());
        }
        NavigableSet<Bytes> view = orderedKeys();
        if (from != null) {
            view = view.tailSet(from, true);
        }
        if (to != null) {
            view = view.headSet(to, true);
        }
        return snapshot(reverse ? view.descendingSet() : view);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> all() {
        requireOpen();
        return snapshot(orderedKeys());
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseAll() {
        requireOpen();
        return snapshot(orderedKeys().descendingSet());
    }

    @Override
    public synchronized <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix,
        PS prefixKeySerializer) {
        requireOpen();
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        Bytes toExclusive = nextPrefix(from.get());
        NavigableSet<Bytes> keys = orderedKeys();
        NavigableSet<Bytes> view = toExclusive == null
            ? keys.tailSet(from, true)
            : keys.subSet(from, true, toExclusive, false);
        return snapshot(view);
    }

    /** Returns the smallest key greater than every key starting with {@code prefix}, or null if there is none. */
    private static Bytes nextPrefix(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] next = java.util.Arrays.copyOf(prefix, i + 1);
                next[i]++;
                return Bytes.wrap(next);
            }
        }
        return null;
    }

    @Override
    synchronized long numEntries() {
        return map.size();
    }

    @Override
    public synchronized long approximateNumEntries() {
        requireOpen();
        return map.size();
    }

    @Override
    public synchronized void close() {
        map.clear();
        orderedKeys = null;
        setOpen(false);
    }

    private KeyValueIterator<Bytes, byte[]> snapshot(NavigableSet<Bytes> keys) {
        // A scan is no use of its keys: an LRU map's access-ordered get would make each key it returns the most
        // recently used, so it reads a copy, made through the entries, which leaves the access order alone.
        Map<Bytes, byte[]> values = maxEntries == Integer.MAX_VALUE ? map : new HashMap<>(map);
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>();
        for (Bytes key : keys) {
            entries.add(KeyValue.pair(key, values.get(key)));
        }
        return new SnapshotIterator(name, entries);
    }

    /** Iterates a list copied from the map; like Kafka's, it throws {@link IllegalStateException} once closed. */
    private static final class SnapshotIterator implements KeyValueIterator<Bytes, byte[]> {
        private final String storeName;
        private final List<KeyValue<Bytes, byte[]>> entries;
        private int next;
        private boolean closed;

        SnapshotIterator(String storeName, List<KeyValue<Bytes, byte[]>> entries) {
            this.storeName = storeName;
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                throw new IllegalStateException("Iterator for store " + storeName + " has already been closed.");
            }
            return next < entries.size();
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return entries.get(next++);
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return entries.get(next).key;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
