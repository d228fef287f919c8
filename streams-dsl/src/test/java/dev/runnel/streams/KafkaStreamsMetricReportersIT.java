package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.metrics.MetricsContext;
import dev.runnel.common.metrics.MetricsReporter;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metric.reporters} of Kafka Streams: told of the client's metrics, and its clients' reporters of theirs. */
class KafkaStreamsMetricReportersIT {
    /** The metrics each reporter, created by class name inside the runtime, holds now, by its registry's namespace. */
    private static final Map<String, Set<MetricName>> CURRENT = new ConcurrentHashMap<>();
    private static final List<String> CLOSED = new CopyOnWriteArrayList<>();
    /** The client.id each reporter was configured with, or "null". */
    private static final List<String> CONFIGURED_CLIENT_IDS = new CopyOnWriteArrayList<>();

    @TempDir
    Path root;

    /** Keeps the current metrics of its registry, as a reporter sending them elsewhere would. */
    public static final class Recording implements MetricsReporter {
        private Set<MetricName> current;
        private String namespace;

        @Override
        public void configure(Map<String, ?> configs) {
            CONFIGURED_CLIENT_IDS.add(String.valueOf(configs.get("client.id")));
        }

        @Override
        public void contextChange(MetricsContext metricsContext) {
            namespace = metricsContext.contextLabels().get(MetricsContext.NAMESPACE);
            // The registries of one namespace (a thread's consumers, say) differ in their client-id tags.
            current = CURRENT.computeIfAbsent(namespace, ignored -> ConcurrentHashMap.newKeySet());
        }

        @Override
        public void init(List<KafkaMetric> metrics) {
            metrics.forEach(this::metricChange);
        }

        @Override
        public void metricChange(KafkaMetric metric) {
            current.add(metric.metricName());
        }

        @Override
        public void metricRemoval(KafkaMetric metric) {
            current.remove(metric.metricName());
        }

        @Override
        public void close() {
            CLOSED.add(namespace);
        }
    }

    @Test
    void shouldTellTheReportersOfTheClientAndOfItsClients() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> { });
        Properties props = log.streamsProps("reported");
        props.put(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, Recording.class.getName());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            Set<MetricName> streamsMetrics = CURRENT.get("kafka.streams");
            for (String name : List.of("alive-stream-threads", "client-state", "process-total", "thread-state")) {
                assertTrue(streamsMetrics.stream().anyMatch(metric -> metric.name().equals(name)), name);
            }
            assertTrue(CURRENT.get("kafka.consumer").stream()
                .anyMatch(metric -> metric.group().equals("consumer-fetch-manager-metrics")), CURRENT.toString());
            assertTrue(CURRENT.get("kafka.producer").stream()
                .anyMatch(metric -> metric.group().equals("producer-metrics")), CURRENT.toString());
        }
        assertTrue(CLOSED.containsAll(List.of("kafka.streams", "kafka.consumer", "kafka.producer")),
            CLOSED.toString());
        // As Kafka Streams configures its reporters, and each client its own, with the client id it uses, made up
        // when client.id is not set (here it is not): none is configured without one.
        assertTrue(CONFIGURED_CLIENT_IDS.size() >= 3 && CONFIGURED_CLIENT_IDS.stream()
            .allMatch(id -> id.startsWith("reported-")), CONFIGURED_CLIENT_IDS.toString());
    }
}
