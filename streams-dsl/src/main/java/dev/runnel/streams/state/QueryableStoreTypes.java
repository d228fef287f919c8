package dev.runnel.streams.state;

import dev.runnel.streams.internal.state.CompositeReadOnlyKeyValueStore;
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
}
