package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;

/**
 * Builds a key-value store whose typed layer wraps each value (with a timestamp, and maybe headers) over the bytes
 * layers of {@link KeyValueStoreBuilder}, which keep the wrapped values' bytes as they are.
 */
abstract class TypedKeyValueStoreBuilder<K, V, T extends StateStore> extends AbstractStoreBuilder<K, V, T> {
    private final KeyValueStoreBuilder<K, V> layers;
    private final StoreValueLayout layout;
    private final String metricsScope;

    /**
     * Creates the builder of a store whose wrapped values have {@code layout}; serdes may be {@code null} for the
     * application defaults.
     */
    TypedKeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde, Time time,
        StoreValueLayout layout) {
        super(supplier.name(), keySerde, valueSerde, time);
        this.layers = new KeyValueStoreBuilder<>(supplier, keySerde, valueSerde, time);
        this.layout = layout;
        this.metricsScope = supplier.metricsScope();
    }

    /** Returns the supplier's metrics scope, for the typed layer's store metrics. */
    protected String metricsScope() {
        return metricsScope;
    }

    @Override
    public T build() {
        applySettingsTo(layers);
        return typedLayer(layers.bytesLayers(layout));
    }

    /** Returns the typed layer over {@code bytes}. */
    protected abstract T typedLayer(KeyValueStore<Bytes, byte[]> bytes);
}
