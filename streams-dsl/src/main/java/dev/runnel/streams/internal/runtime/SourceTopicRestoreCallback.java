package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.internal.state.TimestampedStateRestoreCallback;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import java.nio.ByteBuffer;

/**
 * Adapts a store's restore callback to records of a source topic that serves as the store's changelog (a source
 * table with {@code reuse.ktable.source.topics}): such a record holds the plain value, while a timestamped key-value
 * store keeps (and logs) the value behind its 8-byte timestamp, so the record's timestamp is put in front.
 */
final class SourceTopicRestoreCallback implements TimestampedStateRestoreCallback {
    private final StateRestoreCallback inner;

    private SourceTopicRestoreCallback(StateRestoreCallback inner) {
        this.inner = inner;
    }

    /**
     * Returns the callback that applies source topic records to {@code store}: {@code callback} itself unless the
     * store is a timestamped key-value store whose callback takes its own byte format.
     */
    static StateRestoreCallback of(StateStore store, StateRestoreCallback callback) {
        if (store instanceof TimestampedKeyValueStore<?, ?> && !(callback instanceof TimestampedStateRestoreCallback)) {
            return new SourceTopicRestoreCallback(callback);
        }
        return callback;
    }

    @Override
    public void restore(byte[] key, byte[] value, long timestamp) {
        inner.restore(key, value == null ? null
            : ByteBuffer.allocate(Long.BYTES + value.length).putLong(timestamp).put(value).array());
    }
}
