package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.errors.InvalidStateStoreException;
import dev.runnel.streams.errors.StateStoreMigratedException;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An interactive-query view over one store's local partitions: a key lookup asks each partition until one has the key;
 * scans concatenate the partitions' scans (ordered within a partition, not across). Timestamped stores (with or
 * without headers) are read as plain values unless {@code withTimestamps}. Thread-safe as the underlying stores
 * (which synchronize their reads).
 */
public final class CompositeReadOnlyKeyValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private final Supplier<List<StateStore>> stores;
    private final String storeName;
    private final boolean withTimestamps;

    /** Creates the view; {@code stores} is called on every read. */
    public CompositeReadOnlyKeyValueStore(Supplier<List<StateStore>> stores, String storeName,
        boolean withTimestamps) {
        this.stores = stores;
        this.storeName = storeName;
        this.withTimestamps = withTimestamps;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<ReadOnlyKeyValueStore<K, V>> partitions() {
        List<ReadOnlyKeyValueStore<K, V>> result = new ArrayList<>();
        for (StateStore store : stores.get()) {
            if (!store.isOpen()) {
                throw new StateStoreMigratedException("Cannot get state store " + storeName + " because the stream"
                    + " thread is migrating it; retry");
            }
            ReadOnlyKeyValueStore<K, V> plainView = withTimestamps ? null : KeyValueStoreFacade.plainViewOrNull(store);
            result.add(plainView != null ? plainView : (ReadOnlyKeyValueStore<K, V>) store);
        }
        return result;
    }

    private <T> T read(Function<ReadOnlyKeyValueStore<K, V>, T> reader, ReadOnlyKeyValueStore<K, V> store) {
        try {
            return reader.apply(store);
        } catch (InvalidStateStoreException e) {
            throw new StateStoreMigratedException("State store " + storeName + " is not available any more; it may"
                + " have migrated to another instance: " + e.getMessage(), e);
        }
    }

    @Override
    public V get(K key) {
        for (ReadOnlyKeyValueStore<K, V> store : partitions()) {
            V value = read(s -> s.get(key), store);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return concat(s -> s.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return concat(s -> s.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return concat(ReadOnlyKeyValueStore::all);
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return concat(ReadOnlyKeyValueStore::reverseAll);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return concat(s -> s.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        long total = 0;
        for (ReadOnlyKeyValueStore<K, V> store : partitions()) {
            total += read(ReadOnlyKeyValueStore::approximateNumEntries, store);
        }
        return total < 0 ? Long.MAX_VALUE : total;
    }

    private KeyValueIterator<K, V> concat(Function<ReadOnlyKeyValueStore<K, V>, KeyValueIterator<K, V>> scan) {
        List<KeyValueIterator<K, V>> iterators = new ArrayList<>();
        for (ReadOnlyKeyValueStore<K, V> store : partitions()) {
            iterators.add(read(scan, store));
        }
        return new ConcatIterator<>(iterators);
    }

    /** Iterates the given iterators one after another. */
    static final class ConcatIterator<K, V> implements KeyValueIterator<K, V> {
        private final List<KeyValueIterator<K, V>> iterators;
        private final Iterator<KeyValueIterator<K, V>> remaining;
        private KeyValueIterator<K, V> current;

        ConcatIterator(List<KeyValueIterator<K, V>> iterators) {
            this.iterators = iterators;
            this.remaining = iterators.iterator();
            this.current = remaining.hasNext() ? remaining.next() : null;
        }

        @Override
        public boolean hasNext() {
            while (current != null && !current.hasNext()) {
                current = remaining.hasNext() ? remaining.next() : null;
            }
            return current != null;
        }

        @Override
        public KeyValue<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        @Override
        public K peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.peekNextKey();
        }

        @Override
        public void close() {
            for (KeyValueIterator<K, V> iterator : iterators) {
                iterator.close();
            }
        }
    }
}
