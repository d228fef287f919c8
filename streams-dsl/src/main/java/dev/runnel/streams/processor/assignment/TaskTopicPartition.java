package dev.runnel.streams.processor.assignment;

import dev.runnel.common.TopicPartition;
import java.util.Optional;
import java.util.Set;

/**
 * One partition a task reads: an input partition, a changelog partition of one of its stores, or both (a source
 * topic that serves as a store's changelog).
 */
public interface TaskTopicPartition {
    /** Returns the partition. */
    TopicPartition topicPartition();

    /** Returns whether the task reads the partition as input; a source changelog is both source and changelog. */
    boolean isSource();

    /** Returns whether the partition is the changelog of one of the task's stores. */
    boolean isChangelog();

    /**
     * Returns the racks of the brokers holding the partition, or empty if they are unknown: always empty in Runnel,
     * whose embedded log has no racks.
     */
    Optional<Set<String>> rackIds();
}
