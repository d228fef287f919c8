package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.TaskMetadata;
import dev.runnel.streams.processor.TaskId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The snapshot of a task that {@link TaskManager} publishes for other threads. Immutable. */
record TaskMetadataImpl(TaskId taskId, Set<TopicPartition> topicPartitions, Map<TopicPartition, Long> committedOffsets,
    Map<TopicPartition, Long> endOffsets, Optional<Long> timeCurrentIdlingStarted) implements TaskMetadata {

    TaskMetadataImpl {
        Objects.requireNonNull(taskId, "taskId");
        topicPartitions = Set.copyOf(topicPartitions);
        committedOffsets = Map.copyOf(committedOffsets);
        endOffsets = Map.copyOf(endOffsets);
        Objects.requireNonNull(timeCurrentIdlingStarted, "timeCurrentIdlingStarted");
    }
}
