package dev.runnel.streams.processor;

import dev.runnel.common.TopicPartition;

/**
 * Observes standby tasks (KIP-988) as they keep copies of other instances' stores up to date from the changelogs:
 * when a store's updates start, after each batch of changelog records applied to it, and when they stop. Set it with
 * {@code KafkaStreams.setStandbyUpdateListener} before the client starts. Called on the stream thread that owns the
 * standby task, so a slow callback delays that thread's processing; an exception escaping a callback fails the
 * thread.
 *
 * <pre>{@code
 * streams.setStandbyUpdateListener(new StandbyUpdateListener() {
 *     public void onUpdateStart(TopicPartition changelog, String store, long startingOffset) { }
 *     public void onBatchLoaded(TopicPartition changelog, String store, TaskId task, long batchEndOffset,
 *         long batchSize, long currentEndOffset) {
 *         lag.put(changelog, currentEndOffset - batchEndOffset - 1);
 *     }
 *     public void onUpdateSuspended(TopicPartition changelog, String store, long storeOffset,
 *         long currentEndOffset, SuspendReason reason) { }
 * });
 * }</pre>
 */
public interface StandbyUpdateListener {
    /** Why a standby stopped updating a store. */
    enum SuspendReason {
        /** The standby task moved to another instance (or this one shut down). */
        MIGRATED,
        /** The standby task became an active task on this instance. */
        PROMOTED
    }

    /**
     * Called when a standby task starts updating {@code storeName}, before any record is applied to it.
     *
     * @param startingOffset the changelog offset of the first record the standby will apply (its checkpointed
     *     position, or the changelog's log start offset for an empty store)
     */
    void onUpdateStart(TopicPartition topicPartition, String storeName, long startingOffset);

    /**
     * Called after a batch of changelog records was applied to the standby's {@code storeName}.
     *
     * @param batchEndOffset the changelog offset of the batch's last record
     * @param batchSize the number of records in the batch
     * @param currentEndOffset the changelog's end offset (the offset its next record will get) after the batch
     */
    void onBatchLoaded(TopicPartition topicPartition, String storeName, TaskId taskId, long batchEndOffset,
        long batchSize, long currentEndOffset);

    /**
     * Called when the standby stops updating {@code storeName}: its task was promoted to active here, or moved
     * away.
     *
     * @param storeOffset the changelog offset of the last record the store holds ({@code -1} if none)
     * @param currentEndOffset the changelog's end offset at that time
     */
    void onUpdateSuspended(TopicPartition topicPartition, String storeName, long storeOffset, long currentEndOffset,
        SuspendReason reason);
}
