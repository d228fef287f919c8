package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.WindowBytesStoreSupplier;

/** Builds timestamped window stores with the layering of {@link WindowStoreBuilder}. */
public final class TimestampedWindowStoreBuilder<K, V>
    extends AbstractStoreBuilder<K, V, TimestampedWindowStore<K, V>> {
    private final WindowStoreBuilder<K, V> layers;

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public TimestampedWindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde,
        Time time) {
        super(supplier.name(), keySerde, valueSerde, time);
        this.layers = new WindowStoreBuilder<>(supplier, keySerde, valueSerde, time);
    }

    /** Returns the supplier the bytes store comes from. */
    public WindowBytesStoreSupplier supplier() {
        return layers.supplier();
    }

    @Override
    public TimestampedWindowStore<K, V> build() {
        applySettingsTo(layers);
        return new MeteredTimestampedWindowStore<>(layers.bytesLayers(true), keySerde(), valueSerde());
    }
}
