package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;

/**
 * Builds {@code Metered(Caching?(ChangeLogging?(supplier.get())))}, the layering of Kafka Streams. The caching layer
 * ({@link CachingKeyValueStore}) plugs in at {@link #maybeWithCaching}.
 */
public class KeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<K, V, KeyValueStore<K, V>> {
    private final KeyValueBytesStoreSupplier supplier;

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public KeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde,
        Time time) {
        super(supplier.name(), keySerde, valueSerde, time);
        this.supplier = supplier;
    }

    @Override
    public KeyValueStore<K, V> build() {
        return new MeteredKeyValueStore<>(bytesLayers(StoreValueLayout.PLAIN), keySerde(), valueSerde(),
            supplier.metricsScope());
    }

    /**
     * Returns the supplier's new bytes store, whose values have {@code layout}, with the layers this builder enables
     * around it.
     */
    protected KeyValueStore<Bytes, byte[]> bytesLayers(StoreValueLayout layout) {
        KeyValueStore<Bytes, byte[]> store = supplier.get();
        if (loggingEnabled()) {
            store = new ChangeLoggingKeyValueBytesStore(store, layout);
        }
        return maybeWithCaching(store);
    }

    /** Returns {@code store} behind a {@link CachingKeyValueStore} if caching is enabled. */
    protected KeyValueStore<Bytes, byte[]> maybeWithCaching(KeyValueStore<Bytes, byte[]> store) {
        return cachingEnabled() ? new CachingKeyValueStore(store) : store;
    }
}
