package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;

/** Supplies {@link InMemoryWindowStore}s. */
public record InMemoryWindowBytesStoreSupplier(String name, long retentionPeriod, long windowSize,
    boolean retainDuplicates) implements WindowBytesStoreSupplier {
    /** The smallest segment interval, Kafka's default for window stores. */
    static final long MIN_SEGMENT_INTERVAL_MS = 60_000L;

    @Override
    public WindowStore<Bytes, byte[]> get() {
        return new InMemoryWindowStore(name, retentionPeriod, windowSize, retainDuplicates);
    }

    @Override
    public String metricsScope() {
        return "in-memory-window";
    }

    /** Returns Kafka's default, {@code max(retention / 2, 60 s)}; the in-memory store expires windows exactly. */
    @Override
    public long segmentIntervalMs() {
        return Math.max(retentionPeriod / 2, MIN_SEGMENT_INTERVAL_MS);
    }

    /** As Kafka Streams prints its in-memory window store supplier (a join's mismatch message shows it). */
    @Override
    public String toString() {
        return "InMemoryWindowBytesStoreSupplier{name='" + name + "', retentionPeriod=" + retentionPeriod
            + ", windowSize=" + windowSize + ", retainDuplicates=" + retainDuplicates + "}";
    }
}
