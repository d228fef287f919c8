package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.metrics.stats.CumulativeSum;
import dev.runnel.common.metrics.stats.Meter;
import dev.runnel.common.metrics.stats.Value;
import dev.runnel.common.metrics.stats.WindowedCount;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.processor.api.ContextualFixedKeyProcessor;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.FixedKeyProcessorContext;
import dev.runnel.streams.processor.api.FixedKeyRecord;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Processors' own metrics through {@code context.metrics()}, read from {@link TopologyTestDriver#metrics()}. */
class StreamsMetricsTest {
    private static final String GROUP = "stream-enricher-metrics";

    @Test
    void shouldCountRecordingsOfARateTotalSensor() {
        try (TopologyTestDriver driver = driverFor(new Properties(), RecordingLevel.INFO)) {
            pipeThree(driver);

            Map<String, String> tags = Map.of("thread-id", Thread.currentThread().getName(),
                "enricher-id", "customers", "region", "eu");
            Map<MetricName, ? extends Metric> metrics = driver.metrics();
            assertEquals(3.0, metrics.get(new MetricName("lookup-total", GROUP, "", tags)).metricValue());
            double rate = (Double) metrics.get(new MetricName("lookup-rate", GROUP, "", tags)).metricValue();
            assertTrue(rate > 0.0, "rate " + rate);
        }
    }

    @Test
    void shouldNotRecordADebugSensorAtTheDefaultInfoLevel() {
        try (TopologyTestDriver driver = driverFor(new Properties(), RecordingLevel.DEBUG)) {
            pipeThree(driver);

            assertEquals(0.0, lookupTotal(driver), "registered, but not recording");
        }
    }

    @Test
    void shouldRecordADebugSensorWhenTheRecordingLevelIsDebug() {
        Properties props = new Properties();
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        try (TopologyTestDriver driver = driverFor(props, RecordingLevel.DEBUG)) {
            pipeThree(driver);

            assertEquals(3.0, lookupTotal(driver));
        }
    }

    @Test
    void shouldRecordLatencyAvgMaxRateAndTotalFromAFixedKeyProcessor() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.Long()))
            .processValues(LatencyProcessor::new);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, Long> input =
                driver.createInputTopic("in", Serdes.String().serializer(), Serdes.Long().serializer());
            input.pipeInput("a", 5L);
            input.pipeInput("b", 15L);

            Map<String, String> tags = Map.of("thread-id", Thread.currentThread().getName(), "cache-id", "remote");
            Map<MetricName, ? extends Metric> metrics = driver.metrics();
            assertEquals(10.0, value(metrics, "fetch-latency-avg", "stream-cache-metrics", tags));
            assertEquals(15.0, value(metrics, "fetch-latency-max", "stream-cache-metrics", tags));
            assertEquals(2.0, value(metrics, "fetch-total", "stream-cache-metrics", tags));
            assertTrue(metrics.containsKey(new MetricName("fetch-rate", "stream-cache-metrics", "", tags)));
        }
    }

    @Test
    void shouldPublishAPortedProcessorsValueMeterAndCumulativeSum() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.Double())).process(OrdersProcessor::new);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, Double> orders =
                driver.createInputTopic("orders", Serdes.String().serializer(), Serdes.Double().serializer());
            orders.pipeInput("alice", 10.0);
            orders.pipeInput("bob", 20.0);
            orders.pipeInput("alice", 30.0);
            driver.advanceWallClockTime(Duration.ofSeconds(10));

            Map<MetricName, ? extends Metric> metrics = driver.metrics();
            assertEquals(60.0, value(metrics, "orders-amount-total", "app", OrdersProcessor.TAGS));
            assertEquals(3.0, value(metrics, "orders-count", "app", OrdersProcessor.TAGS), "the meter counts orders");
            // 3 orders over the 10 s since, plus the one full 30 s window (2 samples - 1) not yet elapsed.
            assertEquals(3 / 40.0, value(metrics, "orders-rate", "app", OrdersProcessor.TAGS));
            assertEquals(30.0, value(metrics, "orders-last-amount", "app", OrdersProcessor.TAGS));
        }
    }

    @Test
    void shouldMeasureARateOverTheConfiguredSampleWindows() {
        Properties props = new Properties();
        props.put(StreamsConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG, 5_000L);
        props.put(StreamsConfig.METRICS_NUM_SAMPLES_CONFIG, "3");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.Double())).process(OrdersProcessor::new);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, Double> orders =
                driver.createInputTopic("orders", Serdes.String().serializer(), Serdes.Double().serializer());
            orders.pipeInput("alice", 10.0);
            orders.pipeInput("bob", 20.0);
            orders.pipeInput("alice", 30.0);
            driver.advanceWallClockTime(Duration.ofSeconds(10));

            // 3 orders over the 10 s since: 10 s already spans the (3 samples - 1) full 5 s windows a rate waits for.
            assertEquals(3 / 10.0, value(driver.metrics(), "orders-rate", "app", OrdersProcessor.TAGS));
        }
    }

    @Test
    void shouldCountTheRegisteredMetricsAsKafkasRegistryDoes() {
        try (TopologyTestDriver driver = driverFor(new Properties(), RecordingLevel.INFO)) {
            pipeThree(driver);

            // Kafka's registry counts its metrics, this count among them, under kafka-metrics-count without tags.
            Map<MetricName, ? extends Metric> metrics = driver.metrics();
            assertEquals((double) metrics.size(), value(metrics, "count", "kafka-metrics-count", Map.of()));
        }
    }

    @Test
    void shouldRefuseASecondSensorsMetricOfANameAlreadyRegistered() {
        StreamsMetrics metrics = new StreamsMetricsRegistry(new ManualTime(0L), RecordingLevel.INFO, false)
            .streamsMetrics();
        MetricName total = new MetricName("bytes-total", "stream-custom-metrics", "", Map.of());
        Sensor first = metrics.addSensor("first", RecordingLevel.INFO);
        first.add(total, new CumulativeSum());
        first.record(5.0);
        Sensor second = metrics.addSensor("second", RecordingLevel.INFO);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> second.add(total, new CumulativeSum()));
        assertEquals("A metric named '" + total + "' already exists, can't register another one.",
            error.getMessage());
        assertEquals(5.0, metrics.metrics().get(total).metricValue(), "the first sensor's metric stays");
    }

    @Test
    void shouldRecordIntoParentsAndDropARemovedSensorsMetrics() {
        ManualTime time = new ManualTime(0L);
        StreamsMetrics metrics = new StreamsMetricsRegistry(time, RecordingLevel.INFO, false).streamsMetrics();
        MetricName parentSum = new MetricName("bytes-total", "stream-custom-metrics", "", Map.of());
        MetricName childSum = new MetricName("bytes-total", "stream-custom-metrics", "", Map.of("topic", "a"));
        Sensor parent = metrics.addSensor("bytes", RecordingLevel.INFO);
        parent.add(parentSum, new CumulativeSum());
        Sensor child = metrics.addSensor("bytes.a", RecordingLevel.INFO, parent);
        child.add(childSum, new CumulativeSum());

        child.record(100.0);
        child.record(20.0);

        assertEquals(120.0, metrics.metrics().get(childSum).metricValue());
        assertEquals(120.0, metrics.metrics().get(parentSum).metricValue());
        assertTrue(child == metrics.addSensor("bytes.a", RecordingLevel.INFO), "an existing sensor is returned");
        metrics.removeSensor(child);
        assertFalse(metrics.metrics().containsKey(childSum));
        assertTrue(metrics.metrics().containsKey(parentSum));
    }

    @Test
    void shouldRejectTagsThatAreNotPairs() {
        StreamsMetrics metrics = new StreamsMetricsRegistry(new ManualTime(0L), RecordingLevel.INFO, false)
            .streamsMetrics();

        assertThrows(IllegalArgumentException.class,
            () -> metrics.addRateTotalSensor("enricher", "customers", "lookup", RecordingLevel.INFO, "region"));
    }

    private static TopologyTestDriver driverFor(Properties props, RecordingLevel sensorLevel) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new LookupProcessor(sensorLevel));
        return new TopologyTestDriver(builder.build(), props);
    }

    private static void pipeThree(TopologyTestDriver driver) {
        TestInputTopic<String, String> input =
            driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
        input.pipeInput("alice", "a");
        input.pipeInput("bob", "b");
        input.pipeInput("carol", "c");
    }

    private static Object lookupTotal(TopologyTestDriver driver) {
        return value(driver.metrics(), "lookup-total", GROUP, Map.of("thread-id", Thread.currentThread().getName(),
            "enricher-id", "customers", "region", "eu"));
    }

    private static Object value(Map<MetricName, ? extends Metric> metrics, String name, String group,
        Map<String, String> tags) {
        Metric metric = metrics.get(new MetricName(name, group, "", tags));
        if (metric == null) {
            throw new AssertionError("No metric " + name + " in " + group + " with " + tags + " among "
                + metrics.keySet());
        }
        return metric.metricValue();
    }

    /** Counts one lookup per record. */
    private static final class LookupProcessor extends ContextualProcessor<String, String, String, String> {
        private final RecordingLevel level;
        private Sensor lookups;

        LookupProcessor(RecordingLevel level) {
            this.level = level;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            super.init(context);
            lookups = context.metrics().addRateTotalSensor("enricher", "customers", "lookup", level, "region", "eu");
        }

        @Override
        public void process(Record<String, String> record) {
            lookups.record();
        }
    }

    /** Keeps its own order metrics, as a processor ported from Kafka Streams does. */
    private static final class OrdersProcessor extends ContextualProcessor<String, Double, String, Double> {
        static final Map<String, String> TAGS = Map.of("shop", "eu");

        private Sensor orders;

        @Override
        public void init(ProcessorContext<String, Double> context) {
            super.init(context);
            orders = context.metrics().addSensor("orders", RecordingLevel.INFO);
            orders.add(new MetricName("orders-amount-total", "app", "Amount of all orders", TAGS), new CumulativeSum());
            orders.add(new Meter(new WindowedCount(), new MetricName("orders-rate", "app", "Orders per second", TAGS),
                new MetricName("orders-count", "app", "Number of orders", TAGS)));
            orders.add(new MetricName("orders-last-amount", "app", "Amount of the last order", TAGS), new Value());
        }

        @Override
        public void process(Record<String, Double> record) {
            orders.record(record.value());
        }
    }

    /** Records each value as a fetch latency. */
    private static final class LatencyProcessor extends ContextualFixedKeyProcessor<String, Long, Long> {
        private Sensor fetches;

        @Override
        public void init(FixedKeyProcessorContext<String, Long> context) {
            super.init(context);
            fetches = context.metrics().addLatencyRateTotalSensor("cache", "remote", "fetch", RecordingLevel.INFO);
        }

        @Override
        public void process(FixedKeyRecord<String, Long> record) {
            fetches.record(record.value());
        }
    }
}
