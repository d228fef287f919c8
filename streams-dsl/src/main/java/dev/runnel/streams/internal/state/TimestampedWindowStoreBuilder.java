package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;

/** Builds timestamped window stores with the layering of {@link WindowStoreBuilder}. */
public final class TimestampedWindowStoreBuilder<K, V>
    extends TypedWindowStoreBuilder<K, V, TimestampedWindowStore<K, V>> {

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public TimestampedWindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde,
        Time time) {
        super(supplier, keySerde, valueSerde, time, StoreValueLayout.TIMESTAMPED);
    }

    @Override
    protected TimestampedWindowStore<K, V> typedLayer(WindowStore<Bytes, byte[]> bytes) {
        return new MeteredTimestampedWindowStore<>(bytes, keySerde(), valueSerde(), supplier().metricsScope());
    }
}
