package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;

/** Supplies {@link InMemoryKeyValueStore}s. */
public record InMemoryKeyValueBytesStoreSupplier(String name) implements KeyValueBytesStoreSupplier {
    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new InMemoryKeyValueStore(name);
    }

    @Override
    public String metricsScope() {
        return "in-memory";
    }
}
