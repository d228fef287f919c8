package dev.runnel.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.AdminClientConfig;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.KafkaException;
import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.metrics.JmxReporter;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.metrics.MetricsContext;
import dev.runnel.common.metrics.MetricsReporter;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.testing.Configs;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metric.reporters} on a real producer, consumer and admin client over the embedded log. */
class MetricReportersIT {
    /** A config key the test reporters read their shared state from. */
    private static final String STATE = "test.reporter.state";

    @TempDir
    Path dataDir;

    private final ReporterState state = new ReporterState();

    /** What the reporters of one test saw, shared through the clients' configs. */
    static final class ReporterState {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        /** The metrics each registry's reporter holds now, by the registry's namespace. */
        final Map<String, Set<MetricName>> current = new ConcurrentHashMap<>();
    }

    /** Records what it is told and keeps the current metrics, as a reporter sending them elsewhere would. */
    public static final class Recording implements MetricsReporter {
        private ReporterState state;
        private String namespace;

        @Override
        public void configure(Map<String, ?> configs) {
            state = (ReporterState) configs.get(STATE);
            state.events.add("configure client.id=" + configs.get(ProducerConfig.CLIENT_ID_CONFIG));
        }

        @Override
        public void contextChange(MetricsContext metricsContext) {
            namespace = metricsContext.contextLabels().get(MetricsContext.NAMESPACE);
            state.events.add("context " + namespace);
        }

        @Override
        public void init(List<KafkaMetric> metrics) {
            state.events.add("init " + metrics.size());
            state.current.put(namespace, ConcurrentHashMap.newKeySet());
        }

        @Override
        public void metricChange(KafkaMetric metric) {
            state.current.get(namespace).add(metric.metricName());
        }

        @Override
        public void metricRemoval(KafkaMetric metric) {
            state.current.get(namespace).remove(metric.metricName());
        }

        @Override
        public void close() {
            state.events.add("close " + namespace);
        }
    }

    /** Fails on every metric: the client must go on regardless. */
    public static final class Failing implements MetricsReporter {
        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void init(List<KafkaMetric> metrics) {
        }

        @Override
        public void metricChange(KafkaMetric metric) {
            throw new IllegalStateException("reporter down");
        }

        @Override
        public void metricRemoval(KafkaMetric metric) {
            throw new IllegalStateException("reporter down");
        }

        @Override
        public void close() {
        }
    }

    private Map<String, Object> config(Object... keyValues) {
        return Configs.with(Configs.embedded(dataDir, STATE, state), keyValues);
    }

    private static Set<MetricName> names(Map<MetricName, ?> metrics) {
        return Set.copyOf(metrics.keySet());
    }

    @Test
    void shouldTellAProducersReportersOfEveryMetricItHasAndCloseThem() throws Exception {
        try (Admin admin = Admin.create(config())) {
            admin.createTopics(List.of(new NewTopic("clicks", Optional.of(1), Optional.empty()))).all().get();
        }
        KafkaProducer<String, String> producer = new KafkaProducer<>(config(
            ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, Recording.class.getName() + "," + Failing.class.getName(),
            ProducerConfig.CLIENT_ID_CONFIG, "clicker"), new StringSerializer(), new StringSerializer());
        try (producer) {
            producer.send(new ProducerRecord<>("clicks", "k", "v")).get();
            assertEquals(List.of("configure client.id=clicker", "context kafka.producer", "init 0"), state.events);
            assertEquals(names(producer.metrics()), state.current.get("kafka.producer"));
            assertTrue(state.current.get("kafka.producer").stream()
                .anyMatch(name -> name.name().equals("record-send-total")), state.current.toString());
        }
        assertEquals("close kafka.producer", state.events.get(state.events.size() - 1));
    }

    @Test
    void shouldTellAConsumersAndAnAdminsReporters() {
        try (Admin admin = Admin.create(config(AdminClientConfig.METRIC_REPORTER_CLASSES_CONFIG,
                List.of(Recording.class)));
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config(
                 ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, List.of(Recording.class)), new StringDeserializer(),
                 new StringDeserializer())) {
            admin.createTopics(List.of(new NewTopic("views", Optional.of(1), Optional.empty())));
            consumer.assign(List.of(new TopicPartition("views", 0)));
            consumer.poll(Duration.ZERO);
            assertEquals(names(admin.metrics()), state.current.get("kafka.admin.client"));
            assertEquals(names(consumer.metrics()), state.current.get("kafka.consumer"));
        }
        assertTrue(state.events.containsAll(List.of("close kafka.admin.client", "close kafka.consumer")),
            state.events.toString());
    }

    @Test
    void shouldRefuseAClassThatIsNotAReporter() {
        // As Kafka's AbstractConfig creates plugins: a KafkaException naming the class and the type it is not.
        KafkaException failure = assertThrows(KafkaException.class,
            () -> new KafkaProducer<>(config(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, String.class.getName()),
                new StringSerializer(), new StringSerializer()));
        assertEquals("java.lang.String is not an instance of " + MetricsReporter.class.getName(),
            failure.getMessage());
    }

    @Test
    void shouldPublishInJmxOnceWhenJmxReporterIsListedAsInKafkasDefault() throws Exception {
        ObjectName bean = new ObjectName("kafka.producer:type=producer-metrics,client-id=jmx-listed");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config(
            ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, JmxReporter.class.getName(),
            ProducerConfig.CLIENT_ID_CONFIG, "jmx-listed"), new StringSerializer(), new StringSerializer())) {
            assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(bean));
            assertFalse(producer.metrics().isEmpty());
        }
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(bean), "unregistered at close");
    }
}
