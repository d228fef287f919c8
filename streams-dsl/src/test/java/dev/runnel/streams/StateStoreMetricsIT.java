package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.MetricName;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.state.Stores;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code stream-state-metrics} of a running client, tagged by the store supplier's metrics scope, and the
 * debug-level store, cache and node metrics in JMX under Kafka Streams' names.
 */
class StateStoreMetricsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @Test
    void shouldTagAStoresMetricsWithItsSuppliersMetricsScope() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as(Stores.lruMap("recent", 100)));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("store-scope"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("in", List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("a", "3")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);

            // Kafka Streams names the tag <metricsScope>-state-id: in-memory-lru for Stores.lruMap.
            MetricName puts = new MetricName("put-rate", "stream-state-metrics", "", Map.of(
                "thread-id", "store-scope-1-StreamThread-1", "task-id", "0_0", "in-memory-lru-state-id", "recent"));
            EmbeddedLogFixture.await(() -> streams.metrics().containsKey(puts), TIMEOUT,
                puts + " among " + streams.metrics().keySet());
            assertEquals(0, streams.metrics().keySet().stream()
                .filter(name -> name.tags().containsKey("in-memory-state-id")).count());
        }
    }

    @Test
    void shouldPublishAWindowedCountsDebugMetricsInJmx() throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("clicks", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()).withName("clicks-source"))
            .groupByKey().windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1)))
            .count(Materialized.as("per-minute"));
        Properties props = log.streamsProps("window-jmx");
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("clicks", List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("a", "3")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);

            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            String thread = "thread-id=window-jmx-1-StreamThread-1,task-id=0_0";
            // The three records reached the source node.
            ObjectName node = new ObjectName("kafka.streams:type=stream-processor-node-metrics," + thread
                + ",processor-node-id=clicks-source");
            EmbeddedLogFixture.await(() -> Double.valueOf(3.0).equals(attribute(jmx, node, "process-total")),
                TIMEOUT, "process-total of " + node);
            // Each record fetched its window's count, then put the new one.
            ObjectName store = new ObjectName("kafka.streams:type=stream-state-metrics," + thread
                + ",in-memory-window-state-id=per-minute");
            assertTrue((Double) jmx.getAttribute(store, "fetch-rate") > 0.0);
            assertTrue((Double) jmx.getAttribute(store, "put-latency-avg") >= 0.0);
            ObjectName cache = new ObjectName("kafka.streams:type=stream-record-cache-metrics," + thread
                + ",record-cache-id=per-minute");
            assertTrue(jmx.getAttribute(cache, "hit-ratio-avg") instanceof Double);
        }
    }

    private static Object attribute(MBeanServer jmx, ObjectName name, String attribute) {
        try {
            return jmx.getAttribute(name, attribute);
        } catch (JMException e) {
            return null;
        }
    }
}
