package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.WordCountTopology;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaStreamsWordCountIT {
    @TempDir
    Path root;

    @Test
    void shouldCountWordsThroughTheLogAndServeTheCountsToQueries() throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("lines", 2);
        log.createTopic("words", 3);
        log.createTopic("counts", 3);
        log.produce("lines", List.of(KeyValue.pair("1", "the quick brown fox"), KeyValue.pair("2", "the lazy dog"),
            KeyValue.pair("3", "The fox")), Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
        Properties props = log.streamsProps("word-count");
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        try (KafkaStreams streams = new KafkaStreams(WordCountTopology.build("lines", "words", "counts"), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            EmbeddedLogFixture.await(() -> log.readAll("counts", Serdes.String().deserializer(),
                Serdes.Long().deserializer(), false).size() == 9, Duration.ofSeconds(15), "9 counts");
            // Hand-worked: every update is forwarded (no caching), so each word's counts run 1..n in order.
            Map<String, List<Long>> perWord = log.readPerKey("counts", Serdes.Long().deserializer(), false);
            assertEquals(Map.of("the", List.of(1L, 2L, 3L), "quick", List.of(1L), "brown", List.of(1L),
                "fox", List.of(1L, 2L), "lazy", List.of(1L), "dog", List.of(1L)), perWord);

            // As in Kafka Streams, the count store's changelog holds the counts as the value serde writes them,
            // each with its input record's timestamp as the record's.
            Map<String, List<Long>> logged = new TreeMap<>();
            for (ConsumerRecord<String, Long> change : log.readAll("word-count-" + WordCountTopology.STORE
                + "-changelog", Serdes.String().deserializer(), Serdes.Long().deserializer(), false)) {
                logged.computeIfAbsent(change.key(), k -> new ArrayList<>()).add(change.value());
                assertEquals(1_000L, change.timestamp());
            }
            assertEquals(perWord, logged);

            ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(
                WordCountTopology.STORE, QueryableStoreTypes.keyValueStore()));
            assertEquals(3L, store.get("the"));
            assertEquals(2L, store.get("fox"));
            assertEquals(6L, store.approximateNumEntries());
            assertEquals(6, count(store));

            Map<MetricName, ? extends Metric> metrics = streams.metrics();
            double processed = metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals("process-total")
                    && e.getKey().group().equals("stream-thread-metrics"))
                .mapToDouble(e -> (Double) e.getValue().metricValue()).sum();
            assertEquals(3 + 9, processed, 0.0, "3 lines and 9 words processed");
            String threadId = metrics.keySet().stream().filter(n -> n.group().equals("stream-thread-metrics"))
                .findFirst().orElseThrow().tags().get("thread-id");
            Object jmx = ManagementFactory.getPlatformMBeanServer().getAttribute(
                new ObjectName("kafka.streams:type=stream-thread-metrics,thread-id=" + threadId), "process-total");
            assertTrue(jmx instanceof Double, "JMX process-total of " + threadId + ": " + jmx);
            assertTrue(metrics.keySet().stream().anyMatch(n -> n.name().equals("put-rate")
                && WordCountTopology.STORE.equals(n.tags().get("in-memory-state-id"))), "store metrics");
        }
    }

    private static int count(ReadOnlyKeyValueStore<String, Long> store) {
        int count = 0;
        try (var all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }
}
