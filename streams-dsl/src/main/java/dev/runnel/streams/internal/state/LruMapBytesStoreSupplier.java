package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;

/** Supplies {@link InMemoryKeyValueStore}s bounded to {@code maxEntries}, least recently used evicted first. */
public record LruMapBytesStoreSupplier(String name, int maxEntries) implements KeyValueBytesStoreSupplier {
    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new InMemoryKeyValueStore(name, maxEntries);
    }

    @Override
    public String metricsScope() {
        return "in-memory-lru";
    }
}
