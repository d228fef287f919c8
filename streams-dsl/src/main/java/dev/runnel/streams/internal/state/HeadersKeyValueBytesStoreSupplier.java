package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.HeadersBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;

/** A key-value bytes store supplier marked as holding headers-aware values (see the marker's comment). */
public record HeadersKeyValueBytesStoreSupplier(KeyValueBytesStoreSupplier inner)
    implements KeyValueBytesStoreSupplier, HeadersBytesStoreSupplier {
    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return inner.get();
    }

    @Override
    public String metricsScope() {
        return inner.metricsScope();
    }
}
