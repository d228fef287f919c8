package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;
import java.util.function.ToLongFunction;

/**
 * Builds a window store whose typed layer wraps each value (with a timestamp, and maybe headers) over the bytes
 * layers of {@link WindowStoreBuilder}, which keep the wrapped values' bytes as they are.
 */
public abstract class TypedWindowStoreBuilder<K, V, T extends StateStore> extends AbstractStoreBuilder<K, V, T> {
    private final WindowStoreBuilder<K, V> layers;
    private final ToLongFunction<byte[]> valueTimestamp;
    private final boolean valuesHaveHeaders;

    /**
     * Creates the builder; serdes may be {@code null} for the application defaults. {@code valueTimestamp} reads the
     * timestamp of a wrapped value's bytes, for the changelog; {@code valuesHaveHeaders} says whether they carry
     * headers (KIP-1271).
     */
    TypedWindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde, Time time,
        ToLongFunction<byte[]> valueTimestamp, boolean valuesHaveHeaders) {
        super(supplier.name(), keySerde, valueSerde, time);
        this.layers = new WindowStoreBuilder<>(supplier, keySerde, valueSerde, time);
        this.valueTimestamp = valueTimestamp;
        this.valuesHaveHeaders = valuesHaveHeaders;
    }

    /** Returns the supplier the bytes store comes from. */
    public WindowBytesStoreSupplier supplier() {
        return layers.supplier();
    }

    @Override
    public T build() {
        applySettingsTo(layers);
        return typedLayer(layers.bytesLayers(valueTimestamp, valuesHaveHeaders));
    }

    /** Returns the typed layer over {@code bytes}. */
    protected abstract T typedLayer(WindowStore<Bytes, byte[]> bytes);
}
