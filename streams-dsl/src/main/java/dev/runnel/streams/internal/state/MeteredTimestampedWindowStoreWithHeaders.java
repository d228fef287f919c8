package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;
import dev.runnel.streams.state.ValueTimestampHeaders;
import dev.runnel.streams.state.WindowStore;

/** The typed layer of a headers-aware window store: values are stored with {@link ValueTimestampHeadersSerde}. */
public final class MeteredTimestampedWindowStoreWithHeaders<K, V>
    extends MeteredWindowStore<K, ValueTimestampHeaders<V>> implements TimestampedWindowStoreWithHeaders<K, V> {
    private final boolean plainChangelog;

    /**
     * Wraps the bytes store; {@code valueSerde} is the serde of the plain values, or {@code null} for the default;
     * {@code plainChangelog}: see {@link #plainChangelog()}.
     */
    public MeteredTimestampedWindowStoreWithHeaders(WindowStore<Bytes, byte[]> wrapped, Serde<K> keySerde,
        Serde<V> valueSerde, boolean plainChangelog) {
        super(wrapped, keySerde, valueSerde);
        this.plainChangelog = plainChangelog;
    }

    /**
     * Returns whether the changelog holds plain values, each value's timestamp going as the record's timestamp (and
     * its headers as the record's headers), as a stream-stream join window logs them under
     * {@code dsl.store.format=DEFAULT}; otherwise it holds the timestamped values of a {@code TimestampedWindowStore}.
     * Either way a store of the other format restores from it (KIP-1285).
     */
    public boolean plainChangelog() {
        return plainChangelog;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Serde<ValueTimestampHeaders<V>> valueSerde(Serde<?> userValueSerde) {
        return new ValueTimestampHeadersSerde<>((Serde<V>) userValueSerde);
    }
}
