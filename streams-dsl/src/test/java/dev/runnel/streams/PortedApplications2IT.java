package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.Repartitioned;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.state.KeyValueStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applications of {@link PortedApplications2Test}'s kind that need real partitions, run by {@link KafkaStreams} on a
 * real log.
 */
class PortedApplications2IT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    /**
     * Alerts keyed by site ("site-N") and valued "target:message": repartitioned by site number into a 3-partition
     * topic by a custom partitioner, then written to a 3-partition channel topic by a multicast partitioner (KIP-837):
     * target "all" to every partition, "none" to no partition (the record is dropped), "pN" to partition N.
     */
    static Topology alertFanOut(Set<String> partitionerCalls) {
        StreamsBuilder builder = new StreamsBuilder();
        StreamPartitioner<String, String> bySite = (topic, site, alert, partitions) -> {
            partitionerCalls.add(topic + "/" + partitions);
            return Optional.of(Set.of(Integer.parseInt(site.substring("site-".length())) % partitions));
        };
        StreamPartitioner<String, String> fanOut = (topic, site, alert, partitions) -> {
            partitionerCalls.add(topic + "/" + partitions);
            String target = alert.split(":")[0];
            if (target.equals("all")) {
                return Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toSet()));
            }
            return Optional.of(target.equals("none") ? Set.of() : Set.of(Integer.parseInt(target.substring(1))));
        };
        builder.stream("alerts", Consumed.with(Serdes.String(), Serdes.String()))
            .repartition(Repartitioned.<String, String>as("alerts-by-site").withNumberOfPartitions(3)
                .withStreamPartitioner(bySite))
            .to("alert-channels", Produced.with(Serdes.String(), Serdes.String()).withStreamPartitioner(fanOut));
        return builder.build();
    }

    @Test
    void alertsAreRepartitionedBySiteAndMulticastToTheirChannels() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("alerts", 2);
        log.createTopic("alert-channels", 3);
        Set<String> partitionerCalls = new ConcurrentSkipListSet<>();
        try (KafkaStreams streams = new KafkaStreams(alertFanOut(partitionerCalls), log.streamsProps("alerts-app"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce(List.of(alert("site-1", "all:fire", 1), alert("site-2", "p2:door", 2),
                alert("site-3", "none:test", 3), alert("site-4", "p0:smoke", 4), alert("site-5", "all:flood", 5)),
                Serdes.String().serializer(), Serdes.String().serializer());
            log.awaitProcessed("alerts-app", List.of("alerts"), TIMEOUT);

            assertEquals(Map.of(0, List.of("site-3=none:test@3"), 1, List.of("site-1=all:fire@1", "site-4=p0:smoke@4"),
                2, List.of("site-2=p2:door@2", "site-5=all:flood@5")),
                byPartition(log, "alerts-app-alerts-by-site-repartition"));
            assertEquals(Map.of(0, List.of("site-1=all:fire@1", "site-4=p0:smoke@4", "site-5=all:flood@5"),
                1, List.of("site-1=all:fire@1", "site-5=all:flood@5"),
                2, List.of("site-1=all:fire@1", "site-2=p2:door@2", "site-5=all:flood@5")),
                byPartition(log, "alert-channels"));
            assertEquals(Set.of("alerts-app-alerts-by-site-repartition/3", "alert-channels/3"), partitionerCalls);
        }
    }

    /**
     * A customer view: profiles left-joined and outer-joined with balances ("profile/balance"), both results
     * materialized under the user's names, so forwarded through their stores' caches.
     */
    static Topology customerViews() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> profiles = builder.table("profiles", Consumed.with(Serdes.String(), Serdes.String()));
        KTable<String, String> balances = builder.table("balances", Consumed.with(Serdes.String(), Serdes.String()));
        profiles.leftJoin(balances, (profile, balance) -> profile + "/" + balance,
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("customer-view")
                    .withValueSerde(Serdes.String()))
            .toStream().to("customer-view", Produced.with(Serdes.String(), Serdes.String()));
        profiles.outerJoin(balances, (profile, balance) -> profile + "/" + balance,
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("customer-outer")
                    .withValueSerde(Serdes.String()))
            .toStream().to("customer-outer", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void customerViewsCollapseTheUpdatesOfAKeyBetweenTwoCommits() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        List<String> inputs = List.of("profiles", "balances");
        inputs.forEach(topic -> log.createTopic(topic, 1));
        log.createTopic("customer-view", 1);
        log.createTopic("customer-outer", 1);
        // The default record cache; each step's records are produced while processing is paused, so they are
        // processed together, between two commits.
        try (KafkaStreams streams = new KafkaStreams(customerViews(), log.streamsProps("customers-app"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            Batch batch = new Batch(log, streams, "customers-app", inputs);
            batch.run(record("profiles", "c1", "Ann", 1), record("profiles", "c2", "Bob", 2),
                record("balances", "c1", "10", 3), record("balances", "c3", "30", 4),
                record("balances", "c1", "15", 5));
            batch.run(record("profiles", "c2", null, 6), record("profiles", "c2", "Bobby", 7));
            batch.run(record("balances", "c3", null, 8), record("profiles", "c3", "Cy", 9));

            assertEquals(Map.of("c1", List.of("Ann/15@5"), "c2", List.of("Bob/null@2", "Bobby/null@7"),
                "c3", List.of("Cy/null@9")), byKey(log, "customer-view"));
            assertEquals(Map.of("c1", List.of("Ann/15@5"), "c2", List.of("Bob/null@2", "Bobby/null@7"),
                "c3", List.of("null/30@4", "Cy/null@9")), byKey(log, "customer-outer"));
        }
    }

    /** Produces a step's records while the application's processing is paused, then waits until it processed them. */
    private record Batch(EmbeddedLogFixture log, KafkaStreams streams, String applicationId, List<String> inputs) {
        @SafeVarargs
        final void run(ProducerRecord<String, String>... records) {
            streams.pause();
            // The pause takes effect at each thread's next loop: after two more polls nothing is fetched any more.
            EmbeddedLogFixture.awaitPolls(streams, 2, TIMEOUT, "the pause");
            log.produce(List.of(records), Serdes.String().serializer(), Serdes.String().serializer());
            streams.resume();
            log.awaitProcessed(applicationId, inputs, TIMEOUT);
        }
    }

    private static ProducerRecord<String, String> record(String topic, String key, String value, long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, key, value);
    }

    /** Returns each key's output values, as "value@timestamp", in offset order. */
    private static Map<String, List<String>> byKey(EmbeddedLogFixture log, String topic) {
        Map<String, List<String>> byKey = new TreeMap<>();
        for (ConsumerRecord<String, String> record : log.readAll(topic, Serdes.String().deserializer(),
            Serdes.String().deserializer(), false)) {
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value() + "@" + record.timestamp());
        }
        return byKey;
    }

    private static ProducerRecord<String, String> alert(String key, String value, long timestamp) {
        return new ProducerRecord<>("alerts", null, timestamp, key, value);
    }

    /** Returns each partition's records, as "key=value@timestamp", sorted (partitions fill from several tasks). */
    private static Map<Integer, List<String>> byPartition(EmbeddedLogFixture log, String topic) {
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        for (ConsumerRecord<String, String> record : log.readAll(topic, Serdes.String().deserializer(),
            Serdes.String().deserializer(), false)) {
            byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                .add(record.key() + "=" + record.value() + "@" + record.timestamp());
        }
        byPartition.values().forEach(records -> records.sort(null));
        return byPartition;
    }
}
