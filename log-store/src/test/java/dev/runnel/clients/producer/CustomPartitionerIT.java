package dev.runnel.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewPartitions;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.common.Cluster;
import dev.runnel.common.serialization.StringSerializer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partitioner written against Kafka's {@code Partitioner} signature, on a real producer. */
class CustomPartitionerIT {
    @TempDir
    Path dataDir;

    /** Sends each record to the partition its value names, counted in the cluster view, and keeps the views. */
    public static final class ValuePartitioner implements Partitioner {
        static final List<Cluster> CLUSTERS = new CopyOnWriteArrayList<>();

        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             Cluster cluster) {
            CLUSTERS.add(cluster);
            return Integer.parseInt((String) value) % cluster.availablePartitionsForTopic(topic).size();
        }
    }

    @Test
    void shouldPassOneClusterViewPerMetadataChange() throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("log.dir", dataDir.toString()));
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1))).all().get();
            config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ValuePartitioner.class.getName());
            ValuePartitioner.CLUSTERS.clear();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                    new StringSerializer())) {
                assertEquals(1, producer.send(new ProducerRecord<>("orders", "k", "3")).get().partition());
                assertEquals(0, producer.send(new ProducerRecord<>("orders", "k", "4")).get().partition());
                assertSame(ValuePartitioner.CLUSTERS.get(0), ValuePartitioner.CLUSTERS.get(1));
                assertEquals(2, ValuePartitioner.CLUSTERS.get(0).partitionCountForTopic("orders"));

                admin.createPartitions(Map.of("orders", NewPartitions.increaseTo(5))).all().get();
                assertEquals(3, producer.send(new ProducerRecord<>("orders", "k", "3")).get().partition());
                Cluster grown = ValuePartitioner.CLUSTERS.get(2);
                assertNotSame(ValuePartitioner.CLUSTERS.get(0), grown);
                assertEquals(5, grown.partitionCountForTopic("orders"));
            }
        }
    }

    /** Answers a partition the topic does not have. */
    public static final class OutOfRange implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             Cluster cluster) {
            return cluster.partitionCountForTopic(topic);
        }
    }

    @Test
    void shouldRejectAPartitionOutsideTheTopic() throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("log.dir", dataDir.toString()));
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1))).all().get();
        }
        config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, OutOfRange.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> producer.send(new ProducerRecord<>("orders", "k", "v")));
            assertEquals("Partitioner " + OutOfRange.class.getName() + " chose partition 2 of topic orders, which "
                + "has 2 partitions", e.getMessage());
        }
    }
}
