package dev.runnel.clients.admin;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A topic to create: its name, partition count (the log's {@code num.partitions} if empty) and configs. */
public class NewTopic {
    private final String name;
    private final Optional<Integer> numPartitions;
    private final Optional<Short> replicationFactor;
    private final Map<String, String> configs = new HashMap<>();

    /** The replication factor is accepted for portability; the embedded log keeps one copy. */
    public NewTopic(String name, int numPartitions, short replicationFactor) {
        this(name, Optional.of(numPartitions), Optional.of(replicationFactor));
    }

    public NewTopic(String name, Optional<Integer> numPartitions, Optional<Short> replicationFactor) {
        this.name = Objects.requireNonNull(name, "name");
        this.numPartitions = numPartitions;
        this.replicationFactor = replicationFactor;
    }

    public String name() {
        return name;
    }

    public int numPartitions() {
        return numPartitions.orElse(-1);
    }

    public short replicationFactor() {
        return replicationFactor.orElse((short) -1);
    }

    /** Adds topic configs ({@code cleanup.policy}, {@code retention.ms}, …) and returns this. */
    public NewTopic configs(Map<String, String> configs) {
        this.configs.putAll(configs);
        return this;
    }

    public Map<String, String> configs() {
        return Map.copyOf(configs);
    }

    @Override
    public String toString() {
        return "(name=" + name + ", numPartitions=" + numPartitions.map(String::valueOf).orElse("default")
            + ", configs=" + configs + ")";
    }
}
