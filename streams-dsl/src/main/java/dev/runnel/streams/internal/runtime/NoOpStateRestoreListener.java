package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.processor.StateRestoreListener;

/** A restore listener that ignores everything; the one a client uses until it is given another. */
enum NoOpStateRestoreListener implements StateRestoreListener {
    INSTANCE;

    @Override
    public void onRestoreStart(TopicPartition topicPartition, String storeName, long startingOffset,
        long endingOffset) {
    }

    @Override
    public void onBatchRestored(TopicPartition topicPartition, String storeName, long batchEndOffset,
        long numRestored) {
    }

    @Override
    public void onRestoreEnd(TopicPartition topicPartition, String storeName, long totalRestored) {
    }
}
