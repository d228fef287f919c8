package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;

/**
 * Builds headers-aware key-value stores with the layering of {@link KeyValueStoreBuilder}: the bytes layers keep the
 * KIP-1271 values as they are, and the changelog carries the headers as record headers and the plain values
 * ({@link PlainValueChangeLogger}).
 */
public final class TimestampedKeyValueStoreWithHeadersBuilder<K, V>
    extends TypedKeyValueStoreBuilder<K, V, TimestampedKeyValueStoreWithHeaders<K, V>> {

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public TimestampedKeyValueStoreWithHeadersBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde, Time time) {
        super(supplier, keySerde, valueSerde, time, StoreValueLayout.TIMESTAMPED_WITH_HEADERS);
    }

    @Override
    protected TimestampedKeyValueStoreWithHeaders<K, V> typedLayer(KeyValueStore<Bytes, byte[]> bytes) {
        return new MeteredTimestampedKeyValueStoreWithHeaders<>(bytes, keySerde(), valueSerde(),
            metricsScope());
    }
}
