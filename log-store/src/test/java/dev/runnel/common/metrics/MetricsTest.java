package dev.runnel.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.MetricName;
import dev.runnel.common.MetricNameTemplate;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.CumulativeSum;
import dev.runnel.common.metrics.stats.Value;
import dev.runnel.common.utils.ManualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A registry built directly, as a ported unit test builds Kafka's. */
class MetricsTest {
    private final ManualTime time = new ManualTime(0L);

    @Test
    void shouldCountItsMetricsAsKafkaDoes() {
        try (Metrics metrics = new Metrics()) {
            MetricName count = metrics.metricName("count", "kafka-metrics-count");
            assertEquals(1, metrics.metrics().size(), "only kafka-metrics-count");
            assertEquals(1.0, metrics.metric(count).metricValue());

            metrics.addMetric(metrics.metricName("five", "g"), (Gauge<Integer>) (config, now) -> 5);

            assertEquals(2.0, metrics.metric(count).metricValue());
        }
    }

    @Test
    void shouldReadGaugesAndMeasurables() {
        try (Metrics metrics = new Metrics(time)) {
            MetricName gauge = metrics.metricName("gauge", "g", Map.of("k", "v"));
            MetricName measured = metrics.metricName("measured", "g", "doc", Map.of());
            metrics.addMetric(gauge, (Gauge<Integer>) (config, now) -> 5);
            metrics.addMetric(measured, (config, now) -> now / 1000.0);
            time.sleep(2_500L);

            assertEquals(5, metrics.metric(gauge).metricValue(), "a gauge's value is what it gives, an Integer");
            assertFalse(metrics.metric(gauge).isMeasurable());
            assertThrows(IllegalStateException.class, () -> metrics.metric(gauge).measurable());
            assertEquals(2.5, metrics.metric(measured).metricValue());
            assertTrue(metrics.metric(measured).isMeasurable());
            assertSame(metrics.config(), metrics.metric(measured).config());
        }
    }

    /**
     * A rate of a kept count reads as Kafka's Rate reads over its first samples (2 of 30 s by default): the count over
     * the time since it first moved plus the missing full window, so 3 events read at once are 3/30 per second and,
     * 10 s later, 3/40. Once a full window has passed, it is the rate between reads: 60 more over the next 60 s, 1/s.
     */
    @Test
    void shouldRateAKeptCountAsKafkasRateDoesOverItsFirstWindow() {
        long[] count = {0};
        try (Metrics metrics = new Metrics(time)) {
            MetricName name = metrics.metricName("events-rate", "g");
            metrics.addRate(name, () -> count[0]);
            assertEquals(0.0, metrics.metric(name).metricValue(), "nothing counted yet");
            count[0] = 3;
            assertEquals(3.0 / 30, metrics.metric(name).metricValue());
            time.sleep(10_000);
            assertEquals(3.0 / 40, metrics.metric(name).metricValue());
            time.sleep(50_000);
            count[0] = 63;
            metrics.metric(name).metricValue();
            time.sleep(60_000);
            count[0] = 123;
            assertEquals(1.0, metrics.metric(name).metricValue());
        }
    }

    @Test
    void shouldAddAMetricOnlyIfAbsentWhenAsked() {
        try (Metrics metrics = new Metrics(time)) {
            MetricName name = metrics.metricName("m", "g");
            KafkaMetric first = metrics.addMetricIfAbsent(name, null, (Gauge<String>) (config, now) -> "first");
            KafkaMetric second = metrics.addMetricIfAbsent(name, null, (Gauge<String>) (config, now) -> "second");

            assertSame(first, second);
            assertEquals("first", metrics.metric(name).metricValue());
            assertSame(first, metrics.removeMetric(name));
            assertNull(metrics.metric(name));
        }
    }

    @Test
    void shouldRefuseASecondMetricOfTheSameName() {
        try (Metrics metrics = new Metrics(time)) {
            MetricName name = metrics.metricName("m", "g");
            metrics.addMetric(name, (Gauge<Integer>) (config, now) -> 1);
            Sensor sensor = metrics.sensor("s");

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metrics.addMetric(name, (Gauge<Integer>) (config, now) -> 2));
            assertEquals("A metric named '" + name + "' already exists, can't register another one.", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> sensor.add(name, new Value()));
            assertEquals(1, metrics.metric(name).metricValue(), "the first stays");
            assertFalse(sensor.hasMetrics());
        }
    }

    @Test
    void shouldAddTheConfigsDefaultTagsToNames() {
        MetricConfig config = new MetricConfig().tags(Map.of("client-id", "c1"));
        try (Metrics metrics = new Metrics(config, List.of(), time)) {
            assertEquals(Map.of("client-id", "c1"), metrics.metricName("n", "g").tags());
            assertEquals("", metrics.metricName("n", "g").description());
            assertEquals(Map.of("client-id", "c1", "topic", "t"),
                metrics.metricName("n", "g", "d", "topic", "t").tags());
            assertThrows(IllegalArgumentException.class, () -> metrics.metricName("n", "g", "d", "topic"));
            assertSame(config, metrics.config());
        }
    }

    @Test
    void shouldNameAnInstanceOfATemplateWithTheTemplatesTags() {
        MetricConfig config = new MetricConfig().tags(Map.of("client-id", "c1"));
        MetricNameTemplate template = new MetricNameTemplate("bytes", "topic-metrics", "Bytes per topic", "client-id",
            "topic");
        try (Metrics metrics = new Metrics(config, List.of(), time)) {
            MetricName name = metrics.metricInstance(template, "topic", "t");

            assertEquals(new MetricName("bytes", "topic-metrics", "", Map.of("client-id", "c1", "topic", "t")), name);
            assertEquals("Bytes per topic", name.description());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metrics.metricInstance(template, "partition", "0"));
            assertTrue(e.getMessage().startsWith("For 'bytes', runtime-defined metric tags do not match the tags in "
                + "the template."), e.getMessage());
        }
    }

    @Test
    void shouldDocumentMetricsInAnHtmlTable() {
        List<MetricNameTemplate> templates = List.of(
            new MetricNameTemplate("z-rate", "producer-metrics", "Zs per second", "client-id"),
            new MetricNameTemplate("a-total", "producer-metrics", "All As", "client-id"));

        // Rows by bean, then by name; the tag's value reads {tag}.
        assertEquals("<table class=\"data-table\">\n<tbody>\n<tr>\n<th>Metric/Attribute name</th>\n"
            + "<th>Description</th>\n<th>Mbean name</th>\n</tr>\n"
            + "<tr>\n<td>a-total</td>\n<td>All As</td>\n"
            + "<td>kafka.producer:type=producer-metrics,client-id={client-id}</td>\n</tr>\n"
            + "<tr>\n<td>z-rate</td>\n<td>Zs per second</td>\n"
            + "<td>kafka.producer:type=producer-metrics,client-id={client-id}</td>\n</tr>\n"
            + "</tbody></table>", Metrics.toHtmlTable("kafka.producer", templates));
        assertThrows(IllegalArgumentException.class, () -> Metrics.toHtmlTable("kafka.producer",
            List.of(templates.get(0), templates.get(0))));
    }

    @Test
    void shouldGiveTheSameSensorForTheSameName() {
        try (Metrics metrics = new Metrics(time)) {
            assertNull(metrics.getSensor("s"));
            Sensor sensor = metrics.sensor("s");
            sensor.add(metrics.metricName("s-avg", "g"), new Avg());
            sensor.record(4.0);
            sensor.record(8.0);

            assertSame(sensor, metrics.sensor("s", RecordingLevel.DEBUG));
            assertSame(sensor, metrics.getSensor("s"));
            assertEquals(6.0, metrics.metric(metrics.metricName("s-avg", "g")).metricValue());
        }
    }

    @Test
    void shouldRecordASensorFinerThanTheConfiguredLevelNot() {
        MetricConfig config = new MetricConfig().recordLevel(RecordingLevel.INFO);
        try (Metrics metrics = new Metrics(config, time)) {
            Sensor sensor = metrics.sensor("debug", RecordingLevel.DEBUG);
            sensor.add(metrics.metricName("last", "g"), new Value());
            sensor.record(3.0);

            assertFalse(sensor.shouldRecord());
            assertEquals(0.0, metrics.metric(metrics.metricName("last", "g")).metricValue());
        }
    }

    @Test
    void shouldRemoveASensorWithItsMetricsAndItsChildren() {
        try (Metrics metrics = new Metrics(time)) {
            Sensor parent = metrics.sensor("parent");
            Sensor child = metrics.sensor("child", parent);
            parent.add(metrics.metricName("parent-total", "g"), new CumulativeSum());
            child.add(metrics.metricName("child-total", "g"), new CumulativeSum());
            child.record(2.0);
            assertEquals(2.0, metrics.metric(metrics.metricName("parent-total", "g")).metricValue());

            metrics.removeSensor("parent");

            assertNull(metrics.getSensor("parent"));
            assertNull(metrics.getSensor("child"));
            assertNull(metrics.metric(metrics.metricName("parent-total", "g")));
            assertNull(metrics.metric(metrics.metricName("child-total", "g")));
        }
    }

    @Test
    void shouldRemoveExpiredSensors() {
        try (Metrics metrics = new Metrics(new MetricConfig(), List.of(), time, true)) {
            Sensor quiet = metrics.sensor("quiet", null, 60);
            Sensor busy = metrics.sensor("busy", null, 60);
            quiet.add(metrics.metricName("quiet-total", "g"), new CumulativeSum());
            time.sleep(50_000L);
            busy.record();
            time.sleep(20_000L);

            metrics.removeExpiredSensors();

            assertNull(metrics.getSensor("quiet"), "70 s since it was created, over its 60");
            assertNull(metrics.metric(metrics.metricName("quiet-total", "g")));
            assertSame(busy, metrics.getSensor("busy"), "20 s since it recorded");
        }
    }

    @Test
    void shouldGiveReportersEveryMetric() {
        RecordingReporter reporter = new RecordingReporter();
        try (Metrics metrics = new Metrics(new MetricConfig(), List.of(reporter), time)) {
            metrics.addMetric(metrics.metricName("m", "g"), (Gauge<Integer>) (config, now) -> 1);

            assertEquals(List.of(reporter), metrics.reporters());
            assertEquals(List.of("count", "m"), reporter.added);
        }
        assertTrue(reporter.closed);
    }

    /** Keeps the names of the metrics it is told of. */
    private static final class RecordingReporter implements MetricsReporter {
        private final List<String> added = new ArrayList<>();
        private boolean closed;

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void init(List<KafkaMetric> metrics) {
        }

        @Override
        public void metricChange(KafkaMetric metric) {
            added.add(metric.metricName().name());
        }

        @Override
        public void metricRemoval(KafkaMetric metric) {
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
