package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.state.ValueTimestampHeaders;

/** The typed layer of a headers-aware key-value store: values are stored with {@link ValueTimestampHeadersSerde}. */
public final class MeteredTimestampedKeyValueStoreWithHeaders<K, V>
    extends MeteredKeyValueStore<K, ValueTimestampHeaders<V>> implements TimestampedKeyValueStoreWithHeaders<K, V> {

    /** Wraps the bytes store; {@code valueSerde} is the serde of the plain values, or {@code null} for the default. */
    public MeteredTimestampedKeyValueStoreWithHeaders(KeyValueStore<Bytes, byte[]> wrapped, Serde<K> keySerde,
        Serde<V> valueSerde, String metricsScope) {
        super(wrapped, keySerde, valueSerde, metricsScope);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Serde<ValueTimestampHeaders<V>> valueSerde(Serde<?> userValueSerde) {
        return new ValueTimestampHeadersSerde<>((Serde<V>) userValueSerde);
    }
}
