package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.HeadersBytesStoreSupplier;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;

/** A window bytes store supplier marked as holding headers-aware values (see the marker's comment). */
public record HeadersWindowBytesStoreSupplier(WindowBytesStoreSupplier inner)
    implements WindowBytesStoreSupplier, HeadersBytesStoreSupplier {
    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public WindowStore<Bytes, byte[]> get() {
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
    public long windowSize() {
        return inner.windowSize();
    }

    @Override
    public boolean retainDuplicates() {
        return inner.retainDuplicates();
    }

    @Override
    public long retentionPeriod() {
        return inner.retentionPeriod();
    }
}
