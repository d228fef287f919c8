package dev.runnel.common;

import java.util.List;

/** One partition in a topic description: its number, leader, replicas and in-sync replicas. */
public record TopicPartitionInfo(int partition, Node leader, List<Node> replicas, List<Node> isr) {
    public TopicPartitionInfo {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    /** A partition of the embedded log, led and held by its one node. */
    public static TopicPartitionInfo embedded(int partition) {
        return new TopicPartitionInfo(partition, Node.EMBEDDED, List.of(Node.EMBEDDED), List.of(Node.EMBEDDED));
    }
}
