package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.StoreSupplier;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import java.util.Map;

/**
 * Builds a DSL operator's store in the format its supplier gives (KIP-1285): headers-aware if
 * {@link DslStoreChoice#givesHeadersFormat} says so, as the DSL's suppliers do under {@code dsl.store.format=HEADERS}
 * and a user's headers-aware supplier does, else in the operator's usual format, as a user's other supplier does.
 * The supplier is asked each time a store is built, since the DSL's suppliers follow the config of the client that
 * runs the topology. Both builders get every setting. Mutable, like the builders it holds; not thread-safe.
 */
public final class DslStoreBuilder implements StoreBuilder<StateStore> {
    private final StoreSupplier<?> supplier;
    private final StoreBuilder<?> usual;
    private final StoreBuilder<?> withHeaders;

    private DslStoreBuilder(StoreSupplier<?> supplier, StoreBuilder<?> usual, StoreBuilder<?> withHeaders) {
        this.supplier = supplier;
        this.usual = usual;
        this.withHeaders = withHeaders;
    }

    /** Returns the builder of an aggregation's or a table's store: timestamped, or headers-aware. */
    public static <K, V> DslStoreBuilder timestampedKeyValue(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde) {
        return new DslStoreBuilder(supplier,
            new TimestampedKeyValueStoreBuilder<>(supplier, keySerde, valueSerde, Time.SYSTEM),
            new TimestampedKeyValueStoreWithHeadersBuilder<>(supplier, keySerde, valueSerde, Time.SYSTEM));
    }

    /** Returns the builder of a windowed aggregation's store: timestamped, or headers-aware. */
    public static <K, V> DslStoreBuilder timestampedWindow(WindowBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde) {
        return new DslStoreBuilder(supplier,
            new TimestampedWindowStoreBuilder<>(supplier, keySerde, valueSerde, Time.SYSTEM),
            new TimestampedWindowStoreWithHeadersBuilder<>(supplier, keySerde, valueSerde, Time.SYSTEM));
    }

    /**
     * Returns the builder of a stream-stream join side's store: plain, or headers-aware (with timestamps); both log
     * plain values, so each restores from the other's changelog.
     */
    public static <K, V> DslStoreBuilder window(WindowBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde) {
        return new DslStoreBuilder(supplier, new WindowStoreBuilder<>(supplier, keySerde, valueSerde, Time.SYSTEM),
            new TimestampedWindowStoreWithHeadersBuilder<>(supplier, keySerde, valueSerde, Time.SYSTEM));
    }

    /** Returns the builder of a session aggregation's store: plain, or headers-aware. */
    public static <K, V> DslStoreBuilder session(SessionBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde) {
        return new DslStoreBuilder(supplier, new SessionStoreBuilder<>(supplier, keySerde, valueSerde, Time.SYSTEM),
            new SessionStoreWithHeadersBuilder<>(supplier, keySerde, valueSerde, Time.SYSTEM));
    }

    /** Returns the builder of the format the supplier gives now. */
    public StoreBuilder<?> chosen() {
        return DslStoreChoice.givesHeadersFormat(supplier) ? withHeaders : usual;
    }

    @Override
    public StateStore build() {
        return chosen().build();
    }

    @Override
    public StoreBuilder<StateStore> withCachingEnabled() {
        usual.withCachingEnabled();
        withHeaders.withCachingEnabled();
        return this;
    }

    @Override
    public StoreBuilder<StateStore> withCachingDisabled() {
        usual.withCachingDisabled();
        withHeaders.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<StateStore> withLoggingEnabled(Map<String, String> config) {
        usual.withLoggingEnabled(config);
        withHeaders.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<StateStore> withLoggingDisabled() {
        usual.withLoggingDisabled();
        withHeaders.withLoggingDisabled();
        return this;
    }

    @Override
    public Map<String, String> logConfig() {
        return usual.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return usual.loggingEnabled();
    }

    @Override
    public String name() {
        return usual.name();
    }
}
