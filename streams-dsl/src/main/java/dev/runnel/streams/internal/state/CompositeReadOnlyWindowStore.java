package dev.runnel.streams.internal.state;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.errors.StateStoreMigratedException;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.ReadOnlyWindowStore;
import dev.runnel.streams.state.WindowStoreIterator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An interactive-query view over one window store's local partitions: a key's windows live in one partition, so a
 * key lookup returns the first partition's non-empty answer; range and full scans concatenate the partitions' scans
 * (ordered within a partition, not across). Timestamped stores (with or without headers) are read as plain values
 * unless {@code withTimestamps}. Thread-safe as the underlying stores (which synchronize reads and iterate snapshots).
 */
public final class CompositeReadOnlyWindowStore<K, V> implements ReadOnlyWindowStore<K, V> {
    private final Supplier<List<StateStore>> stores;
    private final String storeName;
    private final boolean withTimestamps;

    /** Creates the view; {@code stores} is called on every read. */
    public CompositeReadOnlyWindowStore(Supplier<List<StateStore>> stores, String storeName, boolean withTimestamps) {
        this.stores = stores;
        this.storeName = storeName;
        this.withTimestamps = withTimestamps;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<ReadOnlyWindowStore<K, V>> partitions() {
        List<ReadOnlyWindowStore<K, V>> result = new ArrayList<>();
        for (StateStore store : stores.get()) {
            if (!store.isOpen()) {
                throw new StateStoreMigratedException("Cannot get state store " + storeName + " because the stream"
                    + " thread is migrating it; retry");
            }
            ReadOnlyWindowStore<K, V> plainView = withTimestamps ? null : WindowStoreFacade.plainViewOrNull(store);
            result.add(plainView != null ? plainView : (ReadOnlyWindowStore<K, V>) store);
        }
        return result;
    }

    @Override
    public V fetch(K key, long time) {
        for (ReadOnlyWindowStore<K, V> store : partitions()) {
            V value = store.fetch(key, time);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return firstNonEmpty(s -> s.fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return firstNonEmpty(s -> s.backwardFetch(key, timeFrom, timeTo));
    }

    private WindowStoreIterator<V> firstNonEmpty(Function<ReadOnlyWindowStore<K, V>, WindowStoreIterator<V>> fetch) {
        for (ReadOnlyWindowStore<K, V> store : partitions()) {
            WindowStoreIterator<V> iterator = fetch.apply(store);
            if (iterator.hasNext()) {
                return iterator;
            }
            iterator.close();
        }
        return new EmptyWindowStoreIterator<>();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return concat(s -> s.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return concat(s -> s.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return concat(ReadOnlyWindowStore::all);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return concat(ReadOnlyWindowStore::backwardAll);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return concat(s -> s.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        return concat(s -> s.backwardFetchAll(timeFrom, timeTo));
    }

    private KeyValueIterator<Windowed<K>, V> concat(
        Function<ReadOnlyWindowStore<K, V>, KeyValueIterator<Windowed<K>, V>> scan) {
        List<KeyValueIterator<Windowed<K>, V>> iterators = new ArrayList<>();
        for (ReadOnlyWindowStore<K, V> store : partitions()) {
            iterators.add(scan.apply(store));
        }
        return new CompositeReadOnlyKeyValueStore.ConcatIterator<>(iterators);
    }

    /** A key's windows when no partition has any. */
    private static final class EmptyWindowStoreIterator<V> implements WindowStoreIterator<V> {
        @Override
        public boolean hasNext() {
            return false;
        }

        @Override
        public KeyValue<Long, V> next() {
            throw new NoSuchElementException();
        }

        @Override
        public Long peekNextKey() {
            throw new NoSuchElementException();
        }

        @Override
        public void close() {
        }
    }
}
