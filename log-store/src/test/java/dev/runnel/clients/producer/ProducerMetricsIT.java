package dev.runnel.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.errors.RecordTooLargeException;
import dev.runnel.common.metrics.Gauge;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.metrics.MetricConfig;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.common.utils.Time;
import dev.runnel.testing.Configs;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer's metrics: Kafka's names and tags, what they count after real sends, and their JMX beans. */
class ProducerMetricsIT {
    private static final int RECORDS = 1_000;

    @TempDir
    Path dataDir;

    private KafkaProducer<String, String> producer(Object... keyValues) throws Exception {
        try (Admin admin = Admin.create(Configs.embedded(dataDir))) {
            admin.createTopics(List.of(new NewTopic("t", 2, (short) 1))).all().get();
        }
        return new KafkaProducer<>(Configs.embedded(dataDir, keyValues), new StringSerializer(),
            new StringSerializer());
    }

    private static double value(Producer<?, ?> producer, String group, String name, Map<String, String> tags) {
        Metric metric = producer.metrics().get(new MetricName(name, group, "", tags));
        assertNotNull(metric, () -> group + "/" + name + " " + tags + " missing from " + producer.metrics().keySet());
        return (Double) metric.metricValue();
    }

    private static double value(Producer<?, ?> producer, String name) {
        return value(producer, "producer-metrics", name, Map.of("client-id", "p1"));
    }

    private static void sendAndFlush(Producer<String, String> producer, int count) {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>("t", "key-" + i, "value value value value " + i));
        }
        producer.flush();
    }

    @Test
    void shouldCountRecordsSentOnceFlushed() throws Exception {
        try (KafkaProducer<String, String> producer = producer("client.id", "p1")) {
            sendAndFlush(producer, RECORDS);

            assertEquals(RECORDS, value(producer, "record-send-total"));
            assertTrue(value(producer, "record-send-rate") > 0);
            assertEquals(0.0, value(producer, "record-error-total"));
            assertEquals(0.0, value(producer, "record-retry-total"));
            assertTrue(value(producer, "request-total") >= 1);
            assertTrue(value(producer, "records-per-request-avg") >= 1);
            assertTrue(value(producer, "request-latency-max") >= value(producer, "request-latency-avg"));
            assertTrue(value(producer, "batch-size-avg") > 0);
            assertTrue(value(producer, "batch-size-max") >= value(producer, "batch-size-avg"));
            assertTrue(value(producer, "record-size-avg") > 0);
            assertTrue(value(producer, "record-size-max") >= value(producer, "record-size-avg"));
            assertTrue(value(producer, "record-queue-time-max") >= 0);
            assertEquals(1.0, value(producer, "compression-rate-avg"));
            assertEquals(0.0, value(producer, "produce-throttle-time-avg"));
            assertEquals(ProducerConfig.DEFAULT_BUFFER_MEMORY, value(producer, "buffer-total-bytes"));
            assertTrue(value(producer, "buffer-available-bytes") <= ProducerConfig.DEFAULT_BUFFER_MEMORY);
            Map<String, String> topicTags = Map.of("client-id", "p1", "topic", "t");
            assertEquals(RECORDS, value(producer, "producer-topic-metrics", "record-send-total", topicTags));
            assertTrue(value(producer, "producer-topic-metrics", "byte-total", topicTags) > 0);
            assertTrue(value(producer, "producer-topic-metrics", "byte-rate", topicTags) > 0);
        }
    }

    @Test
    void shouldReportTheCompressionRateOfCompressedBatches() throws Exception {
        try (KafkaProducer<String, String> producer = producer("client.id", "p1", "compression.type", "gzip")) {
            sendAndFlush(producer, RECORDS);

            assertTrue(value(producer, "compression-rate-avg") < 1.0);
            assertEquals(RECORDS, value(producer, "record-send-total"));
        }
    }

    @Test
    void shouldCountRecordsThatFail() throws Exception {
        try (KafkaProducer<String, String> producer = producer("client.id", "p1", "max.request.size", "200")) {
            Future<RecordMetadata> tooLarge = producer.send(new ProducerRecord<>("t", "k", "x".repeat(500)));
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                tooLarge::get);
            assertInstanceOf(RecordTooLargeException.class, e.getCause());
            sendAndFlush(producer, 3);

            assertEquals(1.0, value(producer, "record-error-total"));
            assertTrue(value(producer, "record-error-rate") > 0);
            assertEquals(3.0, value(producer, "record-send-total"));
            assertEquals(1.0, value(producer, "producer-topic-metrics", "record-error-total",
                Map.of("client-id", "p1", "topic", "t")));
        }
    }

    @Test
    void shouldTagEveryMetricWithTheGeneratedClientId() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            sendAndFlush(producer, 1);

            for (MetricName name : producer.metrics().keySet()) {
                assertTrue(name.tags().get("client-id").matches("producer-\\d+"), name::toString);
            }
        }
    }

    @Test
    void shouldPublishMetricsInJmxUntilClosed() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName producerBean = new ObjectName("kafka.producer:type=producer-metrics,client-id=jmx-producer");
        ObjectName topicBean = new ObjectName("kafka.producer:type=producer-topic-metrics,client-id=jmx-producer,"
            + "topic=t");
        try (KafkaProducer<String, String> producer = producer("client.id", "jmx-producer")) {
            sendAndFlush(producer, 10);

            assertEquals(10.0, server.getAttribute(producerBean, "record-send-total"));
            assertEquals(10.0, server.getAttribute(topicBean, "record-send-total"));
        }
        assertFalse(server.isRegistered(producerBean));
        assertFalse(server.isRegistered(topicBean));
    }

    @Test
    void shouldIgnoreMetricsRegisteredForTelemetry() throws Exception {
        try (KafkaProducer<String, String> producer = producer("client.id", "p1")) {
            KafkaMetric metric = new KafkaMetric(new Object(), new MetricName("app-metric", "app", "", Map.of()),
                (Gauge<Double>) (config, now) -> 1.0, new MetricConfig(), Time.SYSTEM);
            int before = producer.metrics().size();

            producer.registerMetricForSubscription(metric);
            producer.unregisterMetricFromSubscription(metric);

            assertEquals(before, producer.metrics().size());
        }
    }
}
