package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStore;

/** Builds timestamped key-value stores with the layering of {@link KeyValueStoreBuilder}. */
public final class TimestampedKeyValueStoreBuilder<K, V>
    extends TypedKeyValueStoreBuilder<K, V, TimestampedKeyValueStore<K, V>> {

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public TimestampedKeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde, Time time) {
        super(supplier, keySerde, valueSerde, time, StoreValueLayout.TIMESTAMPED);
    }

    @Override
    protected TimestampedKeyValueStore<K, V> typedLayer(KeyValueStore<Bytes, byte[]> bytes) {
        return new MeteredTimestampedKeyValueStore<>(bytes, keySerde(), valueSerde(), metricsScope());
    }
}
