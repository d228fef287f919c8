package dev.runnel.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import dev.runnel.testing.Configs;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer's metrics: Kafka's names and tags, what they show after real polls and commits, and JMX. */
class ConsumerMetricsIT {
    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);
    private static final String FETCH = "consumer-fetch-manager-metrics";
    private static final String COORDINATOR = "consumer-coordinator-metrics";
    private static final Map<String, String> C1 = Map.of("client-id", "c1");

    @TempDir
    Path dataDir;
    private RunnelLog log;

    @BeforeEach
    void openLog() {
        log = RunnelLog.open(dataDir);
        log.createTopic("t", 2, Map.of());
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    private void produce(TopicPartition tp, int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("log.dir", dataDir.toString()),
            new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), "k" + i, "v" + i));
            }
        }
    }

    private KafkaConsumer<String, String> consumer(Object... keyValues) {
        Map<String, Object> defaults = Configs.embedded(dataDir, "client.id", "c1", "auto.offset.reset", "earliest");
        return new KafkaConsumer<>(Configs.with(defaults, keyValues), new StringDeserializer(),
            new StringDeserializer());
    }

    private static Metric metric(Consumer<?, ?> consumer, String group, String name, Map<String, String> tags) {
        return consumer.metrics().get(new MetricName(name, group, "", tags));
    }

    private static double value(Consumer<?, ?> consumer, String group, String name) {
        Metric metric = metric(consumer, group, name, C1);
        assertNotNull(metric, () -> group + "/" + name + " missing from " + consumer.metrics().keySet());
        return (Double) metric.metricValue();
    }

    private static Map<String, String> partitionTags(TopicPartition tp) {
        return Map.of("client-id", "c1", "topic", tp.topic(), "partition", Integer.toString(tp.partition()));
    }

    @Test
    void shouldCountConsumedRecordsAndReportTheLagLeft() {
        produce(TP0, 100);
        try (KafkaConsumer<String, String> consumer = consumer("max.poll.records", "60")) {
            consumer.assign(List.of(TP0));

            assertEquals(60, consumer.poll(Duration.ofSeconds(30)).count());

            assertEquals(60.0, value(consumer, FETCH, "records-consumed-total"));
            assertTrue(value(consumer, FETCH, "records-consumed-rate") > 0);
            assertEquals(40.0, value(consumer, FETCH, "records-lag-max"));
            assertEquals(40.0, metric(consumer, FETCH, "records-lag", partitionTags(TP0)).metricValue());
            assertTrue(value(consumer, FETCH, "bytes-consumed-total") > 0);
            assertTrue(value(consumer, FETCH, "fetch-total") >= 1);
            assertTrue(value(consumer, FETCH, "fetch-rate") > 0);
            assertTrue(value(consumer, FETCH, "records-per-request-avg") > 0);
            assertTrue(value(consumer, FETCH, "fetch-latency-max") >= value(consumer, FETCH, "fetch-latency-avg"));
            assertTrue(value(consumer, FETCH, "fetch-size-max") > 0);

            assertEquals(40, consumer.poll(Duration.ofSeconds(30)).count());

            assertEquals(100.0, value(consumer, FETCH, "records-consumed-total"));
            assertEquals(0.0, value(consumer, FETCH, "records-lag-max"));
        }
    }

    @Test
    void shouldDropThePartitionLagOfAPartitionNoLongerAssigned() {
        produce(TP0, 5);
        produce(TP1, 5);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(List.of(TP0, TP1));
            int polled = 0;
            while (polled < 10) {
                polled += consumer.poll(Duration.ofSeconds(30)).count();
            }
            assertNotNull(metric(consumer, FETCH, "records-lag", partitionTags(TP1)));

            consumer.assign(List.of(TP0));
            consumer.poll(Duration.ZERO);

            assertNull(metric(consumer, FETCH, "records-lag", partitionTags(TP1)));
            assertEquals(0.0, metric(consumer, FETCH, "records-lag", partitionTags(TP0)).metricValue());
        }
    }

    @Test
    void shouldMoveCommitAndRebalanceMetricsOfAGroupMember() {
        produce(TP0, 10);
        produce(TP1, 10);
        try (KafkaConsumer<String, String> consumer = consumer("group.id", "g1", "enable.auto.commit", "false")) {
            consumer.subscribe(List.of("t"));
            int polled = 0;
            while (polled < 20) {
                polled += consumer.poll(Duration.ofSeconds(30)).count();
            }
            assertEquals(0.0, value(consumer, COORDINATOR, "commit-total"));
            assertEquals(2.0, value(consumer, COORDINATOR, "assigned-partitions"));
            assertTrue(value(consumer, COORDINATOR, "rebalance-total") >= 1);
            assertTrue(value(consumer, COORDINATOR, "last-rebalance-seconds-ago") >= 0);

            consumer.commitSync();

            assertEquals(1.0, value(consumer, COORDINATOR, "commit-total"));
            assertTrue(value(consumer, COORDINATOR, "commit-rate") > 0);
            assertTrue(value(consumer, COORDINATOR, "commit-latency-max") >= 0);
            assertTrue(value(consumer, COORDINATOR, "commit-latency-avg") >= 0);
        }
    }

    @Test
    void shouldReportTheTimeBetweenPolls() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(List.of(TP0));
            assertEquals(-1.0, value(consumer, "consumer-metrics", "last-poll-seconds-ago"));
            assertTrue(Double.isNaN(value(consumer, "consumer-metrics", "time-between-poll-avg")));

            consumer.poll(Duration.ZERO);
            consumer.poll(Duration.ZERO);

            assertTrue(value(consumer, "consumer-metrics", "last-poll-seconds-ago") >= 0);
            assertTrue(value(consumer, "consumer-metrics", "time-between-poll-max") >= 0);
            assertNull(metric(consumer, COORDINATOR, "commit-total", C1), "no coordinator metrics without a group");
        }
    }

    @Test
    void shouldPublishMetricsInJmxUntilClosed() throws Exception {
        produce(TP0, 3);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName fetchBean = new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,client-id=c1");
        ObjectName lagBean = new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,client-id=c1,"
            + "topic=t,partition=0");
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(List.of(TP0));
            assertEquals(3, consumer.poll(Duration.ofSeconds(30)).count());

            assertEquals(3.0, server.getAttribute(fetchBean, "records-consumed-total"));
            assertEquals(0.0, server.getAttribute(lagBean, "records-lag"));
        }
        assertFalse(server.isRegistered(fetchBean));
        assertFalse(server.isRegistered(lagBean));
    }

    @Test
    void shouldMeasureWindowedMetricsOverTheConfiguredSamplesAndCountItsMetrics() {
        ManualTime time = new ManualTime(0L);
        Path manualDir = dataDir.resolve("manual-time");
        try (RunnelLog manualLog = RunnelLog.open(RunnelLogConfig.of(manualDir), time)) {
            manualLog.createTopic("t", 1, Map.of());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("log.dir", manualDir.toString(),
                "client.id", "c1", "metrics.sample.window.ms", 1_000, "metrics.num.samples", 2),
                new StringDeserializer(), new StringDeserializer())) {
                consumer.assign(List.of(TP0));
                consumer.poll(Duration.ZERO);
                time.sleep(500);
                consumer.poll(Duration.ZERO);
                assertEquals(500.0, value(consumer, "consumer-metrics", "time-between-poll-max"));

                // The gap was recorded at 500 ms, in a sample that expires once 2 samples of 1 s have passed since
                // it began: at 2500 ms, with no other recording, the maximum is NaN (Kafka's 30 s x 2 keeps it).
                time.sleep(1_999);
                assertEquals(500.0, value(consumer, "consumer-metrics", "time-between-poll-max"));
                time.sleep(1);
                assertTrue(Double.isNaN(value(consumer, "consumer-metrics", "time-between-poll-max")));

                // As in every Kafka client: kafka-metrics-count's count of the registered metrics, itself included.
                Map<MetricName, ? extends Metric> metrics = consumer.metrics();
                assertEquals((double) metrics.size(), metrics.get(new MetricName("count", "kafka-metrics-count", "",
                    Map.of("client-id", "c1"))).metricValue());
            }
        }
    }
}
