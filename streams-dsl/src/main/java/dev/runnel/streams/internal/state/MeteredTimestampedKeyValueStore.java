package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;

/** The typed layer of a timestamped key-value store: values are stored with {@link ValueAndTimestampSerde}. */
public final class MeteredTimestampedKeyValueStore<K, V> extends MeteredKeyValueStore<K, ValueAndTimestamp<V>>
    implements TimestampedKeyValueStore<K, V> {

    /** Wraps the bytes store; {@code valueSerde} is the serde of the plain values, or {@code null} for the default. */
    public MeteredTimestampedKeyValueStore(KeyValueStore<Bytes, byte[]> wrapped, Serde<K> keySerde,
        Serde<V> valueSerde, String metricsScope) {
        super(wrapped, keySerde, valueSerde, metricsScope);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Serde<ValueAndTimestamp<V>> valueSerde(Serde<?> userValueSerde) {
        return new ValueAndTimestampSerde<>((Serde<V>) userValueSerde);
    }
}
