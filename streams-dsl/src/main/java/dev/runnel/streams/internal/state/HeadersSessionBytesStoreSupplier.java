package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.HeadersBytesStoreSupplier;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.SessionStore;

/** A session bytes store supplier marked as holding headers-aware values (see the marker's comment). */
public record HeadersSessionBytesStoreSupplier(SessionBytesStoreSupplier inner)
    implements SessionBytesStoreSupplier, HeadersBytesStoreSupplier {
    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public SessionStore<Bytes, byte[]> get() {
        return inner.get();
    }

    @Override
    public String metricsScope() {
        return inner.metricsScope();
    }

    @Override
    public long segmentIntervalMs() {
        return inner.segmentIntervalMs();
    }

    @Override
    public long retentionPeriod() {
        return inner.retentionPeriod();
    }
}
