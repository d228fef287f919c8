package dev.runnel.streams.processor;

import dev.runnel.streams.KeyValue;
import java.util.Collection;
import java.util.List;

/**
 * A restore callback that takes changelog records in batches, for stores that write faster in bulk. Restoring an
 * active task's store, the runtime calls {@link #restoreAll} with each batch it reads from the changelog, in order; a
 * {@code null} value is a deletion.
 */
public interface BatchingStateRestoreCallback extends StateRestoreCallback {
    /** Applies a batch of changelog records (raw key and value bytes), in order. */
    void restoreAll(Collection<KeyValue<byte[], byte[]>> records);

    /** Restores one record as a batch of one. */
    @Override
    default void restore(byte[] key, byte[] value) {
        restoreAll(List.of(KeyValue.pair(key, value)));
    }
}
