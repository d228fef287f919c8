package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.processor.StandbyUpdateListener;
import dev.runnel.streams.processor.TaskId;

/** A standby update listener that ignores everything; the one a client uses until it is given another. */
enum NoOpStandbyUpdateListener implements StandbyUpdateListener {
    INSTANCE;

    @Override
    public void onUpdateStart(TopicPartition topicPartition, String storeName, long startingOffset) {
    }

    @Override
    public void onBatchLoaded(TopicPartition topicPartition, String storeName, TaskId taskId, long batchEndOffset,
        long batchSize, long currentEndOffset) {
    }

    @Override
    public void onUpdateSuspended(TopicPartition topicPartition, String storeName, long storeOffset,
        long currentEndOffset, SuspendReason reason) {
    }
}
