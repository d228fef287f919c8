package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applications of {@link PortedApplicationsTest} run by {@link KafkaStreams} on a real log with two partitions per
 * input topic. Inputs are produced in steps, each processed before the next, so every key's outputs are the ones the
 * test driver gives, in the same order.
 */
class PortedApplicationsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @Test
    void pageViewsByRegionGivesEachKeyTheDriversOutputs() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        List<String> inputs = List.of("user-profiles", "page-views");
        inputs.forEach(topic -> log.createTopic(topic, 2));
        List.of("enriched-views", "views-per-region", "users-per-region").forEach(topic -> log.createTopic(topic, 2));
        Properties props = log.streamsProps("page-views-app");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0); // every update reaches the outputs
        try (KafkaStreams streams = new KafkaStreams(PortedApplicationsTest.pageViewsByRegion(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            Step step = new Step(log, "page-views-app", inputs);
            step.run(record("user-profiles", "u1", "EU:alice", 1), record("user-profiles", "u2", "US:bob", 2));
            step.run(record("page-views", "u1", "home", 3), record("page-views", "u3", "pricing", 4));
            step.run(record("user-profiles", "u1", "US:alice", 5));
            step.run(record("page-views", "u1", "cart", 6));
            step.run(record("user-profiles", "u2", "US:robert", 7), record("user-profiles", "u2", null, 8));
            step.run(record("page-views", "u2", "home", 9));
            step.run(record("user-profiles", "u1", null, 10), record("user-profiles", "u4", "EU:dora", 4));
            step.run(record("page-views", "u4", "home", 2));

            assertEquals(Map.of("u1", List.of("home|EU@3", "cart|US@6"), "u2", List.of("home|?@9"),
                "u3", List.of("pricing|?@4"), "u4", List.of("home|EU@2")),
                byKey(log, "enriched-views", Serdes.String().deserializer()));
            assertEquals(Map.of("EU", List.of("1@3", "2@3"), "?", List.of("1@4", "2@9"), "US", List.of("1@6")),
                byKey(log, "views-per-region", Serdes.Long().deserializer()));
            assertEquals(Map.of("EU", List.of("1@1", "0@5", "1@5"), "US", List.of("1@2", "2@5", "2@7", "1@8", "0@10")),
                byKey(log, "users-per-region", Serdes.Long().deserializer()));
        }
    }

    @Test
    void orderDetailsGivesEachOrderTheDriversOutputsWithTheResultCacheOn() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        List<String> inputs = List.of("orders", "products");
        inputs.forEach(topic -> log.createTopic(topic, 2));
        log.createTopic("order-details", 2);
        // The default record cache: each step is committed, so flushed, before the next.
        try (KafkaStreams streams = new KafkaStreams(PortedApplicationsTest.orderDetails(),
            log.streamsProps("order-details-app"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            Step step = new Step(log, "order-details-app", inputs);
            step.run(record("products", "p1", "Apple", 10));
            step.run(record("orders", "o1", "p1,2", 5));
            step.run(record("orders", "o2", "p2,1", 20));
            step.run(record("products", "p2", "Banana", 25));
            step.run(record("products", "p1", "Apricot", 30));
            step.run(record("orders", "o1", "p2,5", 35));
            step.run(record("orders", "o3", "p3,1", 40));
            step.run(record("orders", "o3", "p4,1", 45));
            step.run(record("products", "p1", null, 50));
            step.run(record("products", "p2", null, 55));
            step.run(record("orders", "o2", null, 60));
            step.run(record("products", "p2", "Blueberry", 65));
            step.run(record("orders", "o1", "p2,6", 70));
            step.run(record("orders", "o1", null, 75));

            // As the driver's: no tombstone for o3, whose foreign key moved between missing products, nor for o2's
            // deletion after its result was already deleted.
            assertEquals(Map.of("o1", List.of("p1,2/Apple@10", "p1,2/Apricot@30", "p2,5/Banana@35", "null@55",
                    "p2,5/Blueberry@65", "p2,6/Blueberry@70", "null@75"),
                "o2", List.of("p2,1/Banana@25", "null@55")),
                byKey(log, "order-details", Serdes.String().deserializer()));
        }
    }

    private static ProducerRecord<String, String> record(String topic, String key, String value, long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, key, value);
    }

    /** Produces each step's records and waits until the application has processed them. */
    private record Step(EmbeddedLogFixture log, String applicationId, List<String> inputs) {
        @SafeVarargs
        final void run(ProducerRecord<String, String>... records) {
            log.produce(List.of(records), Serdes.String().serializer(), Serdes.String().serializer());
            log.awaitProcessed(applicationId, inputs, TIMEOUT);
        }
    }

    /** Returns each key's output values, as "value@timestamp", in offset order. */
    private static <V> Map<String, List<String>> byKey(EmbeddedLogFixture log, String topic,
        Deserializer<V> valueDeserializer) {
        Map<String, List<String>> byKey = new TreeMap<>();
        for (ConsumerRecord<String, V> record : log.readAll(topic, Serdes.String().deserializer(), valueDeserializer,
            false)) {
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value() + "@" + record.timestamp());
        }
        return byKey;
    }
}
