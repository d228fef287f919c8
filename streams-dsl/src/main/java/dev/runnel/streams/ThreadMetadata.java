package dev.runnel.streams;

import java.util.Set;

/**
 * A snapshot of one live stream thread of a {@link KafkaStreams} client, as {@link
 * KafkaStreams#metadataForLocalThreads()} returns it: its name, state, the ids of the clients it uses and its tasks.
 * Immutable; two snapshots are equal when all their values are.
 */
public interface ThreadMetadata {
    /** Returns the thread's name, {@code <client.id>-StreamThread-<n>}. */
    String threadName();

    /** Returns the name of the thread's state, such as {@code "RUNNING"} or {@code "PARTITIONS_ASSIGNED"}. */
    String threadState();

    /** Returns the client id of the thread's group consumer. */
    String consumerClientId();

    /** Returns the client id of the consumer that restores the thread's state stores from their changelogs. */
    String restoreConsumerClientId();

    /** Returns the client ids of the thread's producers: one, as under at-least-once and exactly_once_v2 in Kafka. */
    Set<String> producerClientIds();

    /** Returns the client id of the client's admin client, {@code <client.id>-admin}. */
    String adminClientId();

    /** Returns the tasks the thread runs, with their input partitions and offsets. */
    Set<TaskMetadata> activeTasks();

    /**
     * Returns the thread's standby tasks (see {@code num.standby.replicas}), with their input partitions; their
     * offsets are empty, as a standby consumes no input.
     */
    Set<TaskMetadata> standbyTasks();

    /** Returns whether {@code o} is a thread metadata with the same values. */
    @Override
    boolean equals(Object o);

    /** Returns a hash of all the values. */
    @Override
    int hashCode();
}
