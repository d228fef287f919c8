package dev.runnel.streams.processor;

import dev.runnel.common.TopicPartition;

/** Observes the restoration of state stores from their changelogs; called on the restoring thread. */
public interface StateRestoreListener {
    /** Called before restoring {@code storeName} from {@code topicPartition}, offsets inclusive. */
    void onRestoreStart(TopicPartition topicPartition, String storeName, long startingOffset, long endingOffset);

    /** Called after each restored batch. */
    void onBatchRestored(TopicPartition topicPartition, String storeName, long batchEndOffset, long numRestored);

    /** Called when the store is fully restored. */
    void onRestoreEnd(TopicPartition topicPartition, String storeName, long totalRestored);

    /** Called when restoration stops early because the task moved away. */
    default void onRestoreSuspended(TopicPartition topicPartition, String storeName, long totalRestored) {
    }
}
