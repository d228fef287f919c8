package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.internal.state.TimestampedStateRestoreCallback;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import java.nio.ByteBuffer;

/**
 * Adapts a store's restore callback to records of a source topic that serves as the store's changelog (a source
 * table with {@code reuse.ktable.source.topics}): such a record holds the plain value, while a timestamped key-value
 * store keeps (and logs) the value behind its 8-byte timestamp, so the record's timestamp is put in front. A
 * headers-aware store (a source table under {@code dsl.store.format=HEADERS}) keeps that behind its headers, which
 * are empty for a table's values (KIP-1285), so a 0 byte, the varint of no headers, goes first.
 */
final class SourceTopicRestoreCallback implements TimestampedStateRestoreCallback {
    private final StateRestoreCallback inner;
    /** The bytes before the timestamp: 1 (empty headers) for a headers-aware store, else 0. */
    private final int headersPrefix;

    private SourceTopicRestoreCallback(StateRestoreCallback inner, int headersPrefix) {
        this.inner = inner;
        this.headersPrefix = headersPrefix;
    }

    /**
     * Returns the callback that applies source topic records to {@code store}: {@code callback} itself unless the
     * store is a timestamped (or headers-aware) key-value store whose callback takes its own byte format.
     */
    static StateRestoreCallback of(StateStore store, StateRestoreCallback callback) {
        if (callback instanceof TimestampedStateRestoreCallback) {
            return callback;
        }
        if (store instanceof TimestampedKeyValueStore<?, ?>) {
            return new SourceTopicRestoreCallback(callback, 0);
        }
        return store instanceof TimestampedKeyValueStoreWithHeaders<?, ?>
            ? new SourceTopicRestoreCallback(callback, 1) : callback;
    }

    @Override
    public void restore(byte[] key, byte[] value, long timestamp) {
        inner.restore(key, value == null ? null : ByteBuffer.allocate(headersPrefix + Long.BYTES + value.length)
            .position(headersPrefix).putLong(timestamp).put(value).array());
    }
}
