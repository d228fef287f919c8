package dev.runnel.streams.internal.graph;

import java.util.Map;
import java.util.Objects;

/**
 * An internal topic the runtime must create before a topology starts: its full name ({@code <application.id>-...}),
 * the partition count resolved by {@link InternalTopologyBuilder#checkCopartitioning}, and its topic configs.
 */
public record InternalTopicConfig(String name, int numberOfPartitions, Map<String, String> configs) {
    /** Topic configs of repartition topics, as Kafka Streams sets them: deleted, never compacted, kept until purged. */
    public static final Map<String, String> REPARTITION_TOPIC_CONFIGS = Map.of(
        "cleanup.policy", "delete",
        "segment.bytes", "52428800",
        "retention.ms", "-1",
        "message.timestamp.type", "CreateTime");

    /** Validates and copies. */
    public InternalTopicConfig {
        Objects.requireNonNull(name, "name");
        if (numberOfPartitions <= 0) {
            throw new IllegalArgumentException("numberOfPartitions of " + name + " must be positive, was "
                + numberOfPartitions);
        }
        configs = Map.copyOf(configs);
    }
}
