package dev.runnel.streams;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.processor.TaskId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of one task of a stream thread (see {@link ThreadMetadata#activeTasks()}). The offsets are as of the
 * thread's last commit or rebalance, which refreshes the snapshot; processing records does not. Offsets are
 * positions, as the group commits them: the offset of the next record to read. Immutable; two snapshots are equal
 * when all their values are.
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
     * Returns, per input partition, the end of what the task has fetched: the offset after the last record polled
     * for it, or -1 if none was polled yet. Subtracting {@link #committedOffsets()} gives what is fetched but not
     * committed.
     */
    Map<TopicPartition, Long> endOffsets();

    /**
     * Returns since when (ms) the task has been idling, waiting for data on some of its partitions; always empty, as
     * Runnel's tasks do not idle ({@code max.task.idle.ms} is not enforced).
     */
    Optional<Long> timeCurrentIdlingStarted();

    /** Returns whether {@code o} is a task metadata with the same values. */
    @Override
    boolean equals(Object o);

    /** Returns a hash of all the values. */
    @Override
    int hashCode();
}
