package dev.runnel.streams.internal.assignment;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.processor.assignment.TaskTopicPartition;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A partition of a task; Runnel's embedded log has no racks. Immutable. */
record TaskTopicPartitionImpl(TopicPartition topicPartition, boolean isSource, boolean isChangelog)
    implements TaskTopicPartition {
    TaskTopicPartitionImpl {
        Objects.requireNonNull(topicPartition, "topicPartition");
    }

    @Override
    public Optional<Set<String>> rackIds() {
        return Optional.empty();
    }
}
