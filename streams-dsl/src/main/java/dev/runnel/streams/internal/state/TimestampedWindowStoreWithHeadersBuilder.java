package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;

/**
 * Builds headers-aware window stores with the layering of {@link WindowStoreBuilder}: the bytes layers keep the
 * KIP-1271 values as they are, and the changelog carries the headers as record headers and the plain values
 * ({@link PlainValueChangeLogger}).
 */
public final class TimestampedWindowStoreWithHeadersBuilder<K, V>
    extends TypedWindowStoreBuilder<K, V, TimestampedWindowStoreWithHeaders<K, V>> {

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public TimestampedWindowStoreWithHeadersBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde, Time time) {
        super(supplier, keySerde, valueSerde, time, StoreValueLayout.TIMESTAMPED_WITH_HEADERS);
    }

    @Override
    protected TimestampedWindowStoreWithHeaders<K, V> typedLayer(WindowStore<Bytes, byte[]> bytes) {
        return new MeteredTimestampedWindowStoreWithHeaders<>(bytes, keySerde(), valueSerde(),
            supplier().metricsScope());
    }
}
