package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.TaskMetadata;
import dev.runnel.streams.ThreadMetadata;
import java.util.Objects;
import java.util.Set;

/** The snapshot of a stream thread that {@link StreamThread#threadMetadata(String)} builds. Immutable. */
record ThreadMetadataImpl(String threadName, String threadState, String consumerClientId,
    String restoreConsumerClientId, Set<String> producerClientIds, String adminClientId,
    Set<TaskMetadata> activeTasks, Set<TaskMetadata> standbyTasks) implements ThreadMetadata {

    ThreadMetadataImpl {
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(threadState, "threadState");
        producerClientIds = Set.copyOf(producerClientIds);
        activeTasks = Set.copyOf(activeTasks);
        standbyTasks = Set.copyOf(standbyTasks);
    }
}
