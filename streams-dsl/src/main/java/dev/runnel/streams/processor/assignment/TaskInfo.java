package dev.runnel.streams.processor.assignment;

import dev.runnel.streams.processor.TaskId;
import java.util.Set;

/** What an assignor knows of one task: whether it keeps state, its stores, and its input and changelog partitions. */
public interface TaskInfo {
    /** Returns the task's id. */
    TaskId id();

    /**
     * Returns whether the task keeps state restored from a changelog (its own, or a source topic serving as one); only
     * such a task may have standby tasks.
     */
    boolean isStateful();

    /** Returns the names of the task's stores that have a changelog; empty for a stateless task. */
    Set<String> stateStoreNames();

    /** Returns the task's input partitions and the changelog partitions of its stores. */
    Set<TaskTopicPartition> topicPartitions();
}
