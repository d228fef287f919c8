package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.VersionedBytesStoreSupplier;

/**
 * Supplies {@link InMemoryVersionedKeyValueStore}s.
 *
 * @param segmentIntervalMs how much stream time passes between two sweeps of expired versions out of every key
 */
public record InMemoryVersionedBytesStoreSupplier(String name, long historyRetentionMs, long segmentIntervalMs)
    implements VersionedBytesStoreSupplier {

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new InMemoryVersionedKeyValueStore(name, historyRetentionMs, segmentIntervalMs);
    }

    @Override
    public String metricsScope() {
        return "in-memory-versioned";
    }
}
