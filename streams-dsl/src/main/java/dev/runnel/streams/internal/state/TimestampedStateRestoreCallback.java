package dev.runnel.streams.internal.state;

import dev.runnel.streams.processor.StateRestoreCallback;

/**
 * A restore callback that needs each changelog record's timestamp: a versioned store's versions are keyed by it. The
 * restorer passes it when the callback is of this type.
 */
@FunctionalInterface
public interface TimestampedStateRestoreCallback extends StateRestoreCallback {
    /** Applies one changelog record, with its timestamp in ms, to the store being restored. */
    void restore(byte[] key, byte[] value, long timestamp);

    @Override
    default void restore(byte[] key, byte[] value) {
        throw new UnsupportedOperationException("This store restores only from changelog records with timestamps");
    }
}
