package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.errors.InvalidStateStoreException;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The innermost key-value store: serialized keys in a {@link TreeMap} ordered as {@link Bytes} (unsigned
 * lexicographic), like Kafka's stores. Iterators walk a snapshot taken at creation, so writes during iteration
 * neither fail nor show. Thread-safe: every method is synchronized, so interactive queries may read while the task
 * writes.
 */
public final class InMemoryKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final NavigableMap<Bytes, byte[]> map = new TreeMap<>();
    private volatile boolean open;

    /** Creates a closed store; {@link #init} opens it. */
    public InMemoryKeyValueStore(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        if (root != null) {
            context.register(root, (key, value) -> restore(Bytes.wrap(key), value));
        }
        open = true;
    }

    private synchronized void restore(Bytes key, byte[] value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        requireOpen();
        return map.get(Objects.requireNonNull(key, "key"));
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
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
        return map.remove(Objects.requireNonNull(key, "key"));
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
            return new SnapshotIterator(List.of());
        }
        NavigableMap<Bytes, byte[]> view = map;
        if (from != null) {
            view = view.tailMap(from, true);
        }
        if (to != null) {
            view = view.headMap(to, true);
        }
        return snapshot(reverse ? view.descendingMap() : view);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> all() {
        requireOpen();
        return snapshot(map);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseAll() {
        requireOpen();
        return snapshot(map.descendingMap());
    }

    @Override
    public synchronized <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix,
        PS prefixKeySerializer) {
        requireOpen();
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        Bytes toExclusive = nextPrefix(from.get());
        NavigableMap<Bytes, byte[]> view = toExclusive == null
            ? map.tailMap(from, true)
            : map.subMap(from, true, toExclusive, false);
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
    public synchronized long approximateNumEntries() {
        requireOpen();
        return map.size();
    }

    @Override
    public void flush() {
        // Nothing is buffered: every write already is in the map.
    }

    @Override
    public synchronized void close() {
        map.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private void requireOpen() {
        if (!open) {
            throw new InvalidStateStoreException("Store " + name + " is currently closed.");
        }
    }

    private static KeyValueIterator<Bytes, byte[]> snapshot(Map<Bytes, byte[]> view) {
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>(view.size());
        for (Map.Entry<Bytes, byte[]> entry : view.entrySet()) {
            entries.add(KeyValue.pair(entry.getKey(), entry.getValue()));
        }
        return new SnapshotIterator(entries);
    }

    /** Iterates a list copied from the map. */
    private static final class SnapshotIterator implements KeyValueIterator<Bytes, byte[]> {
        private final List<KeyValue<Bytes, byte[]>> entries;
        private int next;

        SnapshotIterator(List<KeyValue<Bytes, byte[]>> entries) {
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
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
            next = entries.size();
        }
    }
}
