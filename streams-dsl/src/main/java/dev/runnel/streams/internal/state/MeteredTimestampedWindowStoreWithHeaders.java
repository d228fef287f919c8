package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;
import dev.runnel.streams.state.ValueTimestampHeaders;
import dev.runnel.streams.state.WindowStore;

/** The typed layer of a headers-aware window store: values are stored with {@link ValueTimestampHeadersSerde}. */
public final class MeteredTimestampedWindowStoreWithHeaders<K, V>
    extends MeteredWindowStore<K, ValueTimestampHeaders<V>> implements TimestampedWindowStoreWithHeaders<K, V> {

    /** Wraps the bytes store; {@code valueSerde} is the serde of the plain values, or {@code null} for the default. */
    public MeteredTimestampedWindowStoreWithHeaders(WindowStore<Bytes, byte[]> wrapped, Serde<K> keySerde,
        Serde<V> valueSerde, String metricsScope) {
        super(wrapped, keySerde, valueSerde, metricsScope);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Serde<ValueTimestampHeaders<V>> valueSerde(Serde<?> userValueSerde) {
        return new ValueTimestampHeadersSerde<>((Serde<V>) userValueSerde);
    }
}
