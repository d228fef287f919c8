package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.Repartitioned;
import dev.runnel.streams.processor.StreamPartitioner;
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
            log.produce(List.of(record("site-1", "all:fire", 1), record("site-2", "p2:door", 2),
                record("site-3", "none:test", 3), record("site-4", "p0:smoke", 4), record("site-5", "all:flood", 5)),
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

    private static ProducerRecord<String, String> record(String key, String value, long timestamp) {
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
