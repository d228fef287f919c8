package dev.runnel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterTest {
    private static final Node OTHER = new Node(1, "other", 9092);

    @Test
    void shouldAnswerPartitionLookupsAsKafkasCluster() {
        PartitionInfo leaderless = new PartitionInfo("orders", 2, null, new Node[0], new Node[0]);
        Cluster cluster = new Cluster("c1", List.of(Node.EMBEDDED, OTHER), List.of(
            PartitionInfo.embedded("orders", 0), new PartitionInfo("orders", 1, OTHER, new Node[] {OTHER},
                new Node[] {OTHER}), leaderless, PartitionInfo.embedded("clicks", 0)), Set.of(), Set.of());

        assertEquals(3, cluster.partitionCountForTopic("orders"));
        assertNull(cluster.partitionCountForTopic("missing"));
        assertEquals(List.of(), cluster.partitionsForTopic("missing"));
        assertEquals(List.of(0, 1, 2), cluster.partitionsForTopic("orders").stream().map(PartitionInfo::partition)
            .toList());
        assertEquals(List.of(0, 1), cluster.availablePartitionsForTopic("orders").stream()
            .map(PartitionInfo::partition).toList());
        assertEquals(Set.of("orders", "clicks"), cluster.topics());
        assertEquals(OTHER, cluster.leaderFor(new TopicPartition("orders", 1)));
        assertNull(cluster.leaderFor(new TopicPartition("orders", 2)));
        assertEquals(leaderless, cluster.partition(new TopicPartition("orders", 2)));
        assertEquals(List.of(PartitionInfo.embedded("orders", 0), PartitionInfo.embedded("clicks", 0)),
            cluster.partitionsForNode(Node.EMBEDDED.id()));
        assertEquals(OTHER, cluster.nodeById(1));
        assertEquals(Set.of(), Cluster.empty().topics());
    }
}
