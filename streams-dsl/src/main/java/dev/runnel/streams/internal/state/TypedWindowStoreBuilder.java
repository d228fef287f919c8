package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;

/**
 * Builds a window store whose typed layer wraps each value (with a timestamp, and maybe headers) over the bytes
 * layers of {@link WindowStoreBuilder}, which keep the wrapped values' bytes as they are.
 */
public abstract class TypedWindowStoreBuilder<K, V, T extends StateStore> extends AbstractStoreBuilder<K, V, T> {
    private final WindowStoreBuilder<K, V> layers;
    private final StoreValueLayout layout;

    /**
     * Creates the builder of a store whose wrapped values have {@code layout}; serdes may be {@code null} for the
     * application defaults.
     */
    TypedWindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde, Time time,
        StoreValueLayout layout) {
        super(supplier.name(), keySerde, valueSerde, time);
        this.layers = new WindowStoreBuilder<>(supplier, keySerde, valueSerde, time);
        this.layout = layout;
    }

    /** Returns the supplier the bytes store comes from. */
    public WindowBytesStoreSupplier supplier() {
        return layers.supplier();
    }

    @Override
    public T build() {
        applySettingsTo(layers);
        return typedLayer(layers.bytesLayers(layout));
    }

    /** Returns the typed layer over {@code bytes}. */
    protected abstract T typedLayer(WindowStore<Bytes, byte[]> bytes);
}
