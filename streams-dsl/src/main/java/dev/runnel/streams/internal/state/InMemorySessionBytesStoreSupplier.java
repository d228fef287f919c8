package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.SessionStore;

/** Supplies {@link InMemorySessionStore}s. */
public record InMemorySessionBytesStoreSupplier(String name, long retentionPeriod)
    implements SessionBytesStoreSupplier {
    @Override
    public SessionStore<Bytes, byte[]> get() {
        return new InMemorySessionStore(name, retentionPeriod);
    }

    @Override
    public String metricsScope() {
        return "in-memory-session";
    }

    /** Returns Kafka's default, {@code max(retention / 2, 60 s)}; the in-memory store expires sessions exactly. */
    @Override
    public long segmentIntervalMs() {
        return Math.max(retentionPeriod / 2, InMemoryWindowBytesStoreSupplier.MIN_SEGMENT_INTERVAL_MS);
    }
}
