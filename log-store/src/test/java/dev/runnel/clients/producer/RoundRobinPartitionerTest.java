package dev.runnel.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.Cluster;
import dev.runnel.testing.Clusters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinPartitionerTest {

    @Test
    void shouldCycleThroughPartitionsIgnoringKeys() {
        Partitioner partitioner = new RoundRobinPartitioner();
        byte[] key = "same-key".getBytes(StandardCharsets.UTF_8);
        List<Integer> partitions = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            partitions.add(partitioner.partition("orders", "same-key", key, "v", null, Clusters.of("orders", 3)));
        }
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 0), partitions);
    }

    @Test
    void shouldKeepOneSequencePerTopic() {
        Partitioner partitioner = new RoundRobinPartitioner();
        Cluster cluster = Clusters.of("a", 4, "b", 4);
        assertEquals(0, partitioner.partition("a", null, null, null, null, cluster));
        assertEquals(1, partitioner.partition("a", null, null, null, null, cluster));
        assertEquals(0, partitioner.partition("b", null, null, null, null, cluster));
        assertEquals(2, partitioner.partition("a", null, null, null, null, cluster));
    }
}
