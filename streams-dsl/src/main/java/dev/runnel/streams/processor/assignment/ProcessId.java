package dev.runnel.streams.processor.assignment;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one {@code KafkaStreams} client (an application instance) in the group: every stream thread of the
 * client reports the same process id, which the client draws at random when it is created. Immutable.
 */
public record ProcessId(UUID id) implements Comparable<ProcessId> {
    public ProcessId {
        Objects.requireNonNull(id, "id");
    }

    /** Returns a new, random process id. */
    public static ProcessId randomProcessId() {
        return new ProcessId(UUID.randomUUID());
    }

    @Override
    public int compareTo(ProcessId other) {
        return id.compareTo(other.id);
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
