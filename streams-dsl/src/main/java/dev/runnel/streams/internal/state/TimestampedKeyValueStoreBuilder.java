package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStore;

/** Builds timestamped key-value stores with the layering of {@link KeyValueStoreBuilder}. */
public final class TimestampedKeyValueStoreBuilder<K, V>
    extends AbstractStoreBuilder<K, V, TimestampedKeyValueStore<K, V>> {
    private final KeyValueStoreBuilder<K, V> layers;

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public TimestampedKeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde, Time time) {
        super(supplier.name(), keySerde, valueSerde, time);
        this.layers = new KeyValueStoreBuilder<>(supplier, keySerde, valueSerde, time);
    }

    @Override
    public TimestampedKeyValueStore<K, V> build() {
        applySettingsTo(layers);
        KeyValueStore<Bytes, byte[]> bytes = layers.bytesLayers(ValueAndTimestampSerde::rawTimestamp);
        return new MeteredTimestampedKeyValueStore<>(bytes, keySerde(), valueSerde());
    }
}
