package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;

/**
 * Builds headers-aware window stores with the layering of {@link WindowStoreBuilder}: the bytes layers keep the
 * KIP-1271 values as they are, and the changelog carries the headers as record headers ({@link HeadersChangeLogger}).
 */
public final class TimestampedWindowStoreWithHeadersBuilder<K, V>
    extends TypedWindowStoreBuilder<K, V, TimestampedWindowStoreWithHeaders<K, V>> {
    private final boolean plainChangelog;

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public TimestampedWindowStoreWithHeadersBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde, Time time) {
        this(supplier, keySerde, valueSerde, time, false);
    }

    private TimestampedWindowStoreWithHeadersBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde, Time time, boolean plainChangelog) {
        super(supplier, keySerde, valueSerde, time, ValueTimestampHeadersSerde::rawTimestamp, true);
        this.plainChangelog = plainChangelog;
    }

    /**
     * Returns the builder of a stream-stream join side's headers-aware store, whose changelog holds plain values as
     * the side's store without headers logs them (see {@link MeteredTimestampedWindowStoreWithHeaders#plainChangelog}).
     */
    static <K, V> TimestampedWindowStoreWithHeadersBuilder<K, V> withPlainChangelog(WindowBytesStoreSupplier supplier,
        Serde<K> keySerde, Serde<V> valueSerde, Time time) {
        return new TimestampedWindowStoreWithHeadersBuilder<>(supplier, keySerde, valueSerde, time, true);
    }

    @Override
    protected TimestampedWindowStoreWithHeaders<K, V> typedLayer(WindowStore<Bytes, byte[]> bytes) {
        return new MeteredTimestampedWindowStoreWithHeaders<>(bytes, keySerde(), valueSerde(), plainChangelog);
    }
}
