package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.JmxReporter;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.JMException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A processor's own sensor and the clients' metrics, seen in a running client's {@code metrics()} and in JMX. */
class StreamsMetricsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @Test
    void shouldShowAProcessorsSensorInTheClientsMetricsAndJmx() throws JMException {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).process(LookupProcessor::new);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("custom-metrics"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("in", List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("c", "3")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);

            EmbeddedLogFixture.await(() -> lookupTotal(streams).filter(total -> total == 3.0).isPresent(), TIMEOUT,
                "lookup-total to reach 3.0; metrics: " + streams.metrics().keySet());
            MetricName name = lookupTotalName(streams).orElseThrow();
            assertEquals("stream-enricher-metrics", name.group());
            assertEquals("customers", name.tags().get("enricher-id"));
            assertEquals("eu", name.tags().get("region"));
            assertTrue(name.tags().get("thread-id").startsWith("custom-metrics-"), name.toString());
            Object jmxValue = ManagementFactory.getPlatformMBeanServer()
                .getAttribute(StreamsMetricsRegistry.objectName(name), "lookup-total");
            assertEquals(3.0, jmxValue);
        }
    }

    @Test
    void shouldIncludeTheMetricsOfEachThreadsClients() throws JMException {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).to("out");
        String consumerId;
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("client-metrics"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("in", List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("c", "3")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);

            MetricName consumed = clientMetric(streams, "consumer-fetch-manager-metrics", "records-consumed-total",
                "-StreamThread-1-consumer");
            MetricName sent = clientMetric(streams, "producer-metrics", "record-send-total",
                "-StreamThread-1-producer");
            EmbeddedLogFixture.await(() -> value(streams, consumed) == 3.0 && value(streams, sent) == 3.0, TIMEOUT,
                "the thread's consumer and producer to count 3 records");
            clientMetric(streams, "consumer-fetch-manager-metrics", "records-consumed-total",
                "-StreamThread-1-restore-consumer");
            consumerId = consumed.tags().get("client-id");
            assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(
                JmxReporter.objectName(KafkaConsumer.JMX_PREFIX, consumed)));
        }
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(JmxReporter.objectName(
            KafkaConsumer.JMX_PREFIX, new MetricName("x", "consumer-fetch-manager-metrics", "", Map.of("client-id",
                consumerId)))));
    }

    private static MetricName clientMetric(KafkaStreams streams, String group, String name, String clientIdSuffix) {
        return streams.metrics().keySet().stream()
            .filter(metric -> metric.group().equals(group) && metric.name().equals(name)
                && metric.tags().get("client-id").endsWith(clientIdSuffix))
            .findFirst()
            .orElseThrow(() -> new AssertionError(group + "/" + name + " of a client *" + clientIdSuffix
                + " missing from " + streams.metrics().keySet()));
    }

    private static double value(KafkaStreams streams, MetricName name) {
        return (Double) streams.metrics().get(name).metricValue();
    }

    private static Optional<Double> lookupTotal(KafkaStreams streams) {
        return lookupTotalName(streams).map(name -> (Double) streams.metrics().get(name).metricValue());
    }

    private static Optional<MetricName> lookupTotalName(KafkaStreams streams) {
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            if (entry.getKey().name().equals("lookup-total")) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /** Counts one lookup per record. */
    private static final class LookupProcessor extends ContextualProcessor<String, String, String, String> {
        private Sensor lookups;

        @Override
        public void init(ProcessorContext<String, String> context) {
            super.init(context);
            lookups = context.metrics().addRateTotalSensor("enricher", "customers", "lookup", RecordingLevel.INFO,
                "region", "eu");
        }

        @Override
        public void process(Record<String, String> record) {
            lookups.record();
        }
    }
}
