package dev.runnel.streams;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.processor.TaskId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of one task of a stream thread (see {@link ThreadMetadata#activeTasks()}). The offsets are as of the
 * thread's last commit or rebalance, which refreshes the snapshot; processing records does not. Offsets are
 * positions, as the group commits them: the offset of the next record to read (or to be written). Immutable; two
 * snapshots are equal when all their values are.
 */
public interface TaskMetadata {
    /** Returns the task's id. */
    TaskId taskId();

    /** Returns the input partitions the task reads. */
    Set<TopicPartition> topicPartitions();

    /**
     * Returns, per input partition, the offset the task last committed, or -1 if this task has not committed one yet
     * (as in Kafka Streams, offsets committed before the task was created here do not count).
     */
    Map<TopicPartition, Long> committedOffsets();

    /**
     * Returns, per input partition, its end offset as the thread's consumer knew it at the snapshot: the log end
     * offset (the last stable offset under {@code read_committed}), whatever the task has fetched or processed of it;
     * -1 if it could not be read (the topic was deleted). Less {@link #committedOffsets()}, once the task has
     * committed, it gives how far the task was behind the end of its input.
     */
    Map<TopicPartition, Long> endOffsets();

    /**
     * Returns since when (ms) the task has been idling, waiting for data on some of its partitions before it processes
     * the others ({@code max.task.idle.ms}), as of the snapshot; empty if it was not.
     */
    Optional<Long> timeCurrentIdlingStarted();

    /** Returns whether {@code o} is a task metadata with the same values. */
    @Override
    boolean equals(Object o);

    /** Returns a hash of all the values. */
    @Override
    int hashCode();
}
