package dev.runnel.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable view of the nodes, topics and partitions a client knows, as Kafka's {@code Cluster}; a producer
 * passes one to its {@code Partitioner}. On the embedded log there is one node, {@link Node#EMBEDDED}, which leads
 * every partition, so every partition is available. Lookups are map reads on lists built once, in the constructor.
 * Thread-safe.
 */
public final class Cluster {
    private static final Cluster EMPTY = new Cluster(null, List.of(), List.of(), Set.of(), Set.of());

    private final String clusterId;
    private final List<Node> nodes;
    private final Set<String> unauthorizedTopics;
    private final Set<String> internalTopics;
    private final Map<TopicPartition, PartitionInfo> partitionsByTopicPartition = new HashMap<>();
    private final Map<String, List<PartitionInfo>> partitionsByTopic;
    private final Map<String, List<PartitionInfo>> availablePartitionsByTopic;
    private final Map<Integer, List<PartitionInfo>> partitionsByNode;
    /** Boxed once here, so that {@link #partitionCountForTopic} does not allocate. */
    private final Map<String, Integer> partitionCounts;

    /**
     * Creates a view of {@code partitions} led by {@code nodes}. A partition whose leader is null is not available.
     *
     * @param clusterId the cluster's id, or null if unknown
     */
    public Cluster(String clusterId, Collection<Node> nodes, Collection<PartitionInfo> partitions,
                   Set<String> unauthorizedTopics, Set<String> internalTopics) {
        this.clusterId = clusterId;
        this.nodes = List.copyOf(nodes);
        this.unauthorizedTopics = Set.copyOf(unauthorizedTopics);
        this.internalTopics = Set.copyOf(internalTopics);
        Map<String, List<PartitionInfo>> byTopic = new HashMap<>();
        Map<String, List<PartitionInfo>> availableByTopic = new HashMap<>();
        Map<Integer, List<PartitionInfo>> byNode = new HashMap<>();
        for (PartitionInfo partition : partitions) {
            partitionsByTopicPartition.put(new TopicPartition(partition.topic(), partition.partition()), partition);
            byTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>()).add(partition);
            List<PartitionInfo> available = availableByTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>());
            if (partition.leader() != null) {
                available.add(partition);
                byNode.computeIfAbsent(partition.leader().id(), id -> new ArrayList<>()).add(partition);
            }
        }
        this.partitionsByTopic = copyOfLists(byTopic);
        this.availablePartitionsByTopic = copyOfLists(availableByTopic);
        this.partitionsByNode = copyOfLists(byNode);
        Map<String, Integer> counts = new HashMap<>();
        byTopic.forEach((topic, list) -> counts.put(topic, list.size()));
        this.partitionCounts = Map.copyOf(counts);
    }

    private static <K> Map<K, List<PartitionInfo>> copyOfLists(Map<K, List<PartitionInfo>> lists) {
        Map<K, List<PartitionInfo>> copy = new HashMap<>();
        lists.forEach((key, list) -> copy.put(key, List.copyOf(list)));
        return Map.copyOf(copy);
    }

    /** Returns a cluster with no nodes and no topics. */
    public static Cluster empty() {
        return EMPTY;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Returns the node with this id, or null. */
    public Node nodeById(int id) {
        for (Node node : nodes) {
            if (node.id() == id) {
                return node;
            }
        }
        return null;
    }

    /** Returns the leader of the partition, or null if it is unknown or has none. */
    public Node leaderFor(TopicPartition topicPartition) {
        PartitionInfo info = partitionsByTopicPartition.get(topicPartition);
        return info == null ? null : info.leader();
    }

    /** Returns the partition's description, or null if it is unknown. */
    public PartitionInfo partition(TopicPartition topicPartition) {
        return partitionsByTopicPartition.get(topicPartition);
    }

    /** Returns the topic's partitions, empty for an unknown topic. */
    public List<PartitionInfo> partitionsForTopic(String topic) {
        return partitionsByTopic.getOrDefault(topic, List.of());
    }

    /** Returns how many partitions the topic has, or null for an unknown topic, as in Kafka. */
    public Integer partitionCountForTopic(String topic) {
        return partitionCounts.get(topic);
    }

    /** Returns the topic's partitions that have a leader, empty for an unknown topic. */
    public List<PartitionInfo> availablePartitionsForTopic(String topic) {
        return availablePartitionsByTopic.getOrDefault(topic, List.of());
    }

    /** Returns the partitions the node leads. */
    public List<PartitionInfo> partitionsForNode(int nodeId) {
        return partitionsByNode.getOrDefault(nodeId, List.of());
    }

    /** Returns the names of the topics this view holds. */
    public Set<String> topics() {
        return partitionsByTopic.keySet();
    }

    public Set<String> unauthorizedTopics() {
        return unauthorizedTopics;
    }

    public Set<String> internalTopics() {
        return internalTopics;
    }

    @Override
    public String toString() {
        return "Cluster(id = " + clusterId + ", nodes = " + nodes + ", partitions = "
            + partitionsByTopicPartition.values() + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cluster that && Objects.equals(clusterId, that.clusterId) && nodes.equals(that.nodes)
            && partitionsByTopic.equals(that.partitionsByTopic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clusterId, nodes, partitionsByTopic);
    }
}
