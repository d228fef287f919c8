package dev.runnel.streams.internal.state;

import dev.runnel.streams.errors.StateStoreMigratedException;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.ReadOnlySessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An interactive-query view over one session store's local partitions: lookups and scans concatenate the
 * partitions' answers (a key's sessions live in one partition, so single-key answers keep their order).
 * Headers-aware stores are read as plain aggregates unless {@code withHeaders}. Thread-safe as the underlying stores.
 */
public final class CompositeReadOnlySessionStore<K, V> implements ReadOnlySessionStore<K, V> {
    private final Supplier<List<StateStore>> stores;
    private final String storeName;
    private final boolean withHeaders;

    /** Creates the view; {@code stores} is called on every read. */
    public CompositeReadOnlySessionStore(Supplier<List<StateStore>> stores, String storeName, boolean withHeaders) {
        this.stores = stores;
        this.storeName = storeName;
        this.withHeaders = withHeaders;
    }

    @SuppressWarnings("unchecked")
    private List<ReadOnlySessionStore<K, V>> partitions() {
        List<ReadOnlySessionStore<K, V>> result = new ArrayList<>();
        for (StateStore store : stores.get()) {
            if (!store.isOpen()) {
                throw new StateStoreMigratedException("Cannot get state store " + storeName + " because the stream"
                    + " thread is migrating it; retry");
            }
            ReadOnlySessionStore<K, V> plainView = withHeaders ? null : SessionStoreFacade.plainViewOrNull(store);
            result.add(plainView != null ? plainView : (ReadOnlySessionStore<K, V>) store);
        }
        return result;
    }

    private KeyValueIterator<Windowed<K>, V> concat(
        Function<ReadOnlySessionStore<K, V>, KeyValueIterator<Windowed<K>, V>> scan) {
        List<KeyValueIterator<Windowed<K>, V>> iterators = new ArrayList<>();
        for (ReadOnlySessionStore<K, V> store : partitions()) {
            iterators.add(scan.apply(store));
        }
        return new CompositeReadOnlyKeyValueStore.ConcatIterator<>(iterators);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return concat(s -> s.findSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return concat(s -> s.backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return concat(s -> s.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return concat(s -> s.backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public V fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        for (ReadOnlySessionStore<K, V> store : partitions()) {
            V value = store.fetchSession(key, sessionStartTime, sessionEndTime);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K key) {
        return concat(s -> s.fetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K key) {
        return concat(s -> s.backwardFetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo) {
        return concat(s -> s.fetch(keyFrom, keyTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo) {
        return concat(s -> s.backwardFetch(keyFrom, keyTo));
    }
}
