package dev.runnel.streams.state;

import dev.runnel.streams.internal.state.CompositeReadOnlyKeyValueStore;
import dev.runnel.streams.internal.state.CompositeReadOnlySessionStore;
import dev.runnel.streams.internal.state.CompositeReadOnlyWindowStore;
import dev.runnel.streams.internal.state.TimestampedKeyValueStoreFacade;
import dev.runnel.streams.internal.state.TimestampedWindowStoreFacade;
import dev.runnel.streams.processor.StateStore;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The built-in {@link QueryableStoreType}s, as in Kafka Streams. */
public final class QueryableStoreTypes {
    /** Public as in Kafka Streams; everything here is static. */
    public QueryableStoreTypes() {
    }

    /** Key-value stores (plain, timestamped or headers-aware), read as plain values. */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValueStore() {
        return new KeyValueStoreType<>();
    }

    /** Timestamped (or headers-aware) key-value stores, read with their timestamps and without headers. */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>>
        timestampedKeyValueStore() {
        return new TimestampedKeyValueStoreType<>();
    }

    /** Headers-aware timestamped key-value stores (KIP-1271), read with their timestamps and headers. */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, ValueTimestampHeaders<V>>>
        timestampedKeyValueStoreWithHeaders() {
        return new TimestampedKeyValueStoreWithHeadersType<>();
    }

    /** Window stores (plain, timestamped or headers-aware), read as plain values. */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, V>> windowStore() {
        return new WindowStoreType<>();
    }

    /**
     * Timestamped (or headers-aware) window stores (windowed aggregations), read with their timestamps and without
     * headers.
     */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> timestampedWindowStore() {
        return new TimestampedWindowStoreType<>();
    }

    /** Headers-aware timestamped window stores (KIP-1271), read with their timestamps and headers. */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, ValueTimestampHeaders<V>>>
        timestampedWindowStoreWithHeaders() {
        return new TimestampedWindowStoreWithHeadersType<>();
    }

    /** Session stores (session-windowed aggregations; headers-aware ones read as plain aggregates). */
    public static <K, V> QueryableStoreType<ReadOnlySessionStore<K, V>> sessionStore() {
        return new SessionStoreType<>();
    }

    /** Headers-aware session stores (KIP-1271), read with their aggregates' headers. */
    public static <K, V> QueryableStoreType<ReadOnlySessionStore<K, AggregationWithHeaders<V>>>
        sessionStoreWithHeaders() {
        return new SessionStoreWithHeadersType<>();
    }

    /** A store type that accepts the stores implementing one of some interfaces. */
    abstract static class QueryableStoreTypeMatcher<T> implements QueryableStoreType<T> {
        private final List<Class<?>> matchTo;

        QueryableStoreTypeMatcher(Class<?>... matchTo) {
            this.matchTo = List.of(matchTo);
        }

        @Override
        public boolean accepts(StateStore stateStore) {
            return matchTo.stream().anyMatch(type -> type.isInstance(stateStore));
        }
    }

    /** Returns {@code stores}, each seen through {@code view}. */
    private static Supplier<List<StateStore>> viewed(Supplier<List<StateStore>> stores,
        Function<StateStore, StateStore> view) {
        return () -> stores.get().stream().map(view).toList();
    }

    /** The type of {@link #keyValueStore()}. */
    public static class KeyValueStoreType<K, V> extends QueryableStoreTypeMatcher<ReadOnlyKeyValueStore<K, V>> {
        KeyValueStoreType() {
            super(ReadOnlyKeyValueStore.class);
        }

        @Override
        public ReadOnlyKeyValueStore<K, V> create(Supplier<List<StateStore>> stores, String storeName) {
            return new CompositeReadOnlyKeyValueStore<>(stores, storeName, false);
        }
    }

    /**
     * The type of {@link #timestampedKeyValueStore()}; it reads a headers-aware store (a DSL store under
     * {@code dsl.store.format=HEADERS}) without its headers.
     */
    public static class TimestampedKeyValueStoreType<K, V>
        extends QueryableStoreTypeMatcher<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> {
        TimestampedKeyValueStoreType() {
            super(TimestampedKeyValueStore.class, TimestampedKeyValueStoreWithHeaders.class);
        }

        @Override
        public ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>> create(Supplier<List<StateStore>> stores,
            String storeName) {
            return new CompositeReadOnlyKeyValueStore<>(viewed(stores,
                TimestampedKeyValueStoreFacade::timestampedView), storeName, true);
        }
    }

    /** The type of {@link #timestampedKeyValueStoreWithHeaders()}. */
    public static class TimestampedKeyValueStoreWithHeadersType<K, V>
        extends QueryableStoreTypeMatcher<ReadOnlyKeyValueStore<K, ValueTimestampHeaders<V>>> {
        TimestampedKeyValueStoreWithHeadersType() {
            super(TimestampedKeyValueStoreWithHeaders.class);
        }

        @Override
        public ReadOnlyKeyValueStore<K, ValueTimestampHeaders<V>> create(Supplier<List<StateStore>> stores,
            String storeName) {
            return new CompositeReadOnlyKeyValueStore<>(stores, storeName, true);
        }
    }

    /** The type of {@link #windowStore()}. */
    public static class WindowStoreType<K, V> extends QueryableStoreTypeMatcher<ReadOnlyWindowStore<K, V>> {
        WindowStoreType() {
            super(ReadOnlyWindowStore.class);
        }

        @Override
        public ReadOnlyWindowStore<K, V> create(Supplier<List<StateStore>> stores, String storeName) {
            return new CompositeReadOnlyWindowStore<>(stores, storeName, false);
        }
    }

    /**
     * The type of {@link #timestampedWindowStore()}; it reads a headers-aware store (a DSL store under
     * {@code dsl.store.format=HEADERS}) without its headers.
     */
    public static class TimestampedWindowStoreType<K, V>
        extends QueryableStoreTypeMatcher<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> {
        TimestampedWindowStoreType() {
            super(TimestampedWindowStore.class, TimestampedWindowStoreWithHeaders.class);
        }

        @Override
        public ReadOnlyWindowStore<K, ValueAndTimestamp<V>> create(Supplier<List<StateStore>> stores,
            String storeName) {
            return new CompositeReadOnlyWindowStore<>(viewed(stores, TimestampedWindowStoreFacade::timestampedView),
                storeName, true);
        }
    }

    /** The type of {@link #timestampedWindowStoreWithHeaders()}. */
    public static class TimestampedWindowStoreWithHeadersType<K, V>
        extends QueryableStoreTypeMatcher<ReadOnlyWindowStore<K, ValueTimestampHeaders<V>>> {
        TimestampedWindowStoreWithHeadersType() {
            super(TimestampedWindowStoreWithHeaders.class);
        }

        @Override
        public ReadOnlyWindowStore<K, ValueTimestampHeaders<V>> create(Supplier<List<StateStore>> stores,
            String storeName) {
            return new CompositeReadOnlyWindowStore<>(stores, storeName, true);
        }
    }

    /** The type of {@link #sessionStore()}. */
    public static class SessionStoreType<K, V> extends QueryableStoreTypeMatcher<ReadOnlySessionStore<K, V>> {
        SessionStoreType() {
            super(ReadOnlySessionStore.class);
        }

        @Override
        public ReadOnlySessionStore<K, V> create(Supplier<List<StateStore>> stores, String storeName) {
            return new CompositeReadOnlySessionStore<>(stores, storeName, false);
        }
    }

    /** The type of {@link #sessionStoreWithHeaders()}. */
    public static class SessionStoreWithHeadersType<K, V>
        extends QueryableStoreTypeMatcher<ReadOnlySessionStore<K, AggregationWithHeaders<V>>> {
        SessionStoreWithHeadersType() {
            super(SessionStoreWithHeaders.class);
        }

        @Override
        public ReadOnlySessionStore<K, AggregationWithHeaders<V>> create(Supplier<List<StateStore>> stores,
            String storeName) {
            return new CompositeReadOnlySessionStore<>(stores, storeName, true);
        }
    }
}
