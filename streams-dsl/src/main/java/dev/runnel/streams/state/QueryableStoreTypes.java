package dev.runnel.streams.state;

import dev.runnel.streams.internal.state.CompositeReadOnlyKeyValueStore;
import dev.runnel.streams.internal.state.CompositeReadOnlySessionStore;
import dev.runnel.streams.internal.state.CompositeReadOnlyWindowStore;
import dev.runnel.streams.processor.StateStore;
import java.util.List;
import java.util.function.Supplier;

/** The built-in {@link QueryableStoreType}s, as in Kafka Streams. */
public final class QueryableStoreTypes {
    private QueryableStoreTypes() {
    }

    /** Key-value stores (plain or timestamped), read as plain values. */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValueStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore stateStore) {
                return stateStore instanceof ReadOnlyKeyValueStore;
            }

            @Override
            public ReadOnlyKeyValueStore<K, V> create(Supplier<List<StateStore>> stores, String storeName) {
                return new CompositeReadOnlyKeyValueStore<>(stores, storeName, false);
            }
        };
    }

    /** Timestamped key-value stores, read with their timestamps. */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>>
        timestampedKeyValueStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore stateStore) {
                return stateStore instanceof TimestampedKeyValueStore;
            }

            @Override
            public ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>> create(Supplier<List<StateStore>> stores,
                String storeName) {
                return new CompositeReadOnlyKeyValueStore<>(stores, storeName, true);
            }
        };
    }

    /** Window stores (plain or timestamped), read as plain values. */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, V>> windowStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore stateStore) {
                return stateStore instanceof ReadOnlyWindowStore;
            }

            @Override
            public ReadOnlyWindowStore<K, V> create(Supplier<List<StateStore>> stores, String storeName) {
                return new CompositeReadOnlyWindowStore<>(stores, storeName, false);
            }
        };
    }

    /** Timestamped window stores (windowed aggregations), read with their timestamps. */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> timestampedWindowStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore stateStore) {
                return stateStore instanceof TimestampedWindowStore;
            }

            @Override
            public ReadOnlyWindowStore<K, ValueAndTimestamp<V>> create(Supplier<List<StateStore>> stores,
                String storeName) {
                return new CompositeReadOnlyWindowStore<>(stores, storeName, true);
            }
        };
    }

    /** Session stores (session-windowed aggregations). */
    public static <K, V> QueryableStoreType<ReadOnlySessionStore<K, V>> sessionStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore stateStore) {
                return stateStore instanceof ReadOnlySessionStore;
            }

            @Override
            public ReadOnlySessionStore<K, V> create(Supplier<List<StateStore>> stores, String storeName) {
                return new CompositeReadOnlySessionStore<>(stores, storeName);
            }
        };
    }
}
