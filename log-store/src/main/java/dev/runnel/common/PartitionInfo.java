package dev.runnel.common;

import java.util.Arrays;
import java.util.Objects;

/** One partition of a topic and the nodes that hold it, as {@code Producer.partitionsFor} returns it. */
public final class PartitionInfo {
    private final String topic;
    private final int partition;
    private final Node leader;
    private final Node[] replicas;
    private final Node[] inSyncReplicas;

    public PartitionInfo(String topic, int partition, Node leader, Node[] replicas, Node[] inSyncReplicas) {
        this.topic = topic;
        this.partition = partition;
        this.leader = leader;
        this.replicas = replicas.clone();
        this.inSyncReplicas = inSyncReplicas.clone();
    }

    /** Describes a partition of the embedded log: one node leads it and is its only replica. */
    public static PartitionInfo embedded(String topic, int partition) {
        Node[] nodes = {Node.EMBEDDED};
        return new PartitionInfo(topic, partition, Node.EMBEDDED, nodes, nodes);
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public Node leader() {
        return leader;
    }

    public Node[] replicas() {
        return replicas.clone();
    }

    public Node[] inSyncReplicas() {
        return inSyncReplicas.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionInfo that && partition == that.partition && topic.equals(that.topic)
            && Objects.equals(leader, that.leader) && Arrays.equals(replicas, that.replicas)
            && Arrays.equals(inSyncReplicas, that.inSyncReplicas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, leader, Arrays.hashCode(replicas), Arrays.hashCode(inSyncReplicas));
    }

    @Override
    public String toString() {
        return "Partition(topic = " + topic + ", partition = " + partition + ", leader = "
            + (leader == null ? "none" : leader.idString())
            + ", replicas = " + Arrays.toString(replicas) + ", isr = " + Arrays.toString(inSyncReplicas) + ")";
    }
}
