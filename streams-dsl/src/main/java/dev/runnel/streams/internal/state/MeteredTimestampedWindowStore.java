package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.WindowStore;

/** The typed layer of a timestamped window store: values are stored with {@link ValueAndTimestampSerde}. */
public final class MeteredTimestampedWindowStore<K, V> extends MeteredWindowStore<K, ValueAndTimestamp<V>>
    implements TimestampedWindowStore<K, V> {

    /** Wraps the bytes store; {@code valueSerde} is the serde of the plain values, or {@code null} for the default. */
    public MeteredTimestampedWindowStore(WindowStore<Bytes, byte[]> wrapped, Serde<K> keySerde, Serde<V> valueSerde,
        String metricsScope) {
        super(wrapped, keySerde, valueSerde, metricsScope);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Serde<ValueAndTimestamp<V>> valueSerde(Serde<?> userValueSerde) {
        return new ValueAndTimestampSerde<>((Serde<V>) userValueSerde);
    }
}
