package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;
import java.util.function.ToLongFunction;

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
        return new MeteredKeyValueStore<>(bytesLayers(null, false), keySerde(), valueSerde());
    }

    /**
     * Returns the supplier's new bytes store with the layers this builder enables around it; {@code valueTimestamp}
     * reads the timestamp the values carry, or is {@code null} if they carry none; {@code valuesHaveHeaders} says
     * whether they carry headers (KIP-1271).
     */
    protected KeyValueStore<Bytes, byte[]> bytesLayers(ToLongFunction<byte[]> valueTimestamp,
        boolean valuesHaveHeaders) {
        KeyValueStore<Bytes, byte[]> store = supplier.get();
        if (loggingEnabled()) {
            store = new ChangeLoggingKeyValueBytesStore(store, valueTimestamp, valuesHaveHeaders);
        }
        return maybeWithCaching(store);
    }

    /** Returns {@code store} behind a {@link CachingKeyValueStore} if caching is enabled. */
    protected KeyValueStore<Bytes, byte[]> maybeWithCaching(KeyValueStore<Bytes, byte[]> store) {
        return cachingEnabled() ? new CachingKeyValueStore(store) : store;
    }
}
