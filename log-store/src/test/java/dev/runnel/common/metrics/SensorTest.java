package dev.runnel.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.CumulativeCount;
import dev.runnel.common.metrics.stats.Max;
import dev.runnel.common.metrics.stats.Meter;
import dev.runnel.common.metrics.stats.Rate;
import dev.runnel.common.metrics.stats.TokenBucket;
import dev.runnel.common.metrics.stats.WindowedCount;
import dev.runnel.common.metrics.stats.WindowedSum;
import dev.runnel.common.utils.ManualTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SensorTest {
    private final ManualTime time = new ManualTime(0L);
    private final Map<String, Metric> metrics = new HashMap<>();

    private Sensor sensor(RecordingLevel level, RecordingLevel configured) {
        return new Sensor("s", level, configured, time, metric -> metrics.put(metric.metricName().name(), metric));
    }

    private static MetricName name(String name) {
        return new MetricName(name, "g", "", Map.of());
    }

    private double value(String name) {
        return (Double) metrics.get(name).metricValue();
    }

    @Test
    void shouldReportNaNForAnAverageOrMaximumOfNothing() {
        Sensor sensor = sensor(RecordingLevel.INFO, RecordingLevel.INFO);
        sensor.add(name("avg"), new Avg());
        sensor.add(name("max"), new Max());

        assertTrue(Double.isNaN(value("avg")));
        assertTrue(Double.isNaN(value("max")));
    }

    @Test
    void shouldForgetWindowedValuesAfterTwoSampleWindows() {
        Sensor sensor = sensor(RecordingLevel.INFO, RecordingLevel.INFO);
        sensor.add(name("avg"), new Avg());
        sensor.add(name("max"), new Max());
        sensor.add(name("total"), new CumulativeCount());
        sensor.record(10.0);
        time.sleep(31_000L);
        sensor.record(2.0);
        assertEquals(6.0, value("avg"));
        assertEquals(10.0, value("max"));

        time.sleep(30_000L);

        assertEquals(2.0, value("avg"), "the first sample has left the window");
        assertEquals(2.0, value("max"));
        assertEquals(2.0, value("total"), "cumulative stats keep everything");
    }

    @Test
    void shouldMeasureARateOverAtLeastOneSampleWindow() {
        Sensor sensor = sensor(RecordingLevel.INFO, RecordingLevel.INFO);
        sensor.add(name("rate"), new Rate(new WindowedCount()));
        for (int i = 0; i < 60; i++) {
            sensor.record();
        }

        assertEquals(2.0, value("rate"), "60 recordings over the minimum 30 s");
        time.sleep(60_000L);
        assertEquals(0.0, value("rate"));
    }

    @Test
    void shouldKeepMetricsButNotRecordAboveTheConfiguredLevel() {
        Sensor sensor = sensor(RecordingLevel.DEBUG, RecordingLevel.INFO);
        sensor.add(name("total"), new CumulativeCount());

        sensor.record();

        assertFalse(sensor.shouldRecord());
        assertEquals(0.0, value("total"));
        assertTrue(RecordingLevel.DEBUG.shouldRecord(RecordingLevel.TRACE));
        assertEquals(RecordingLevel.DEBUG, RecordingLevel.forName("debug"));
        assertThrows(IllegalArgumentException.class, () -> RecordingLevel.forName("verbose"));
    }

    @Test
    void shouldNumberRecordingLevelsAsKafkaDoes() {
        // INFO, DEBUG and TRACE are 0, 1 and 2; a sensor records at a level up to the configured one.
        assertEquals(1, RecordingLevel.DEBUG.id);
        assertEquals("DEBUG", RecordingLevel.DEBUG.name);
        assertEquals(RecordingLevel.TRACE, RecordingLevel.forId(2));
        assertEquals(2, RecordingLevel.MAX_RECORDING_LEVEL_KEY);
        assertTrue(RecordingLevel.INFO.shouldRecord(RecordingLevel.DEBUG.id));
        assertFalse(RecordingLevel.TRACE.shouldRecord(RecordingLevel.DEBUG.id));
        assertEquals("Unexpected RecordLevel id `3`, it should be between `0` and `2` (inclusive)",
            assertThrows(IllegalArgumentException.class, () -> RecordingLevel.forId(3)).getMessage());
        assertThrows(IllegalStateException.class, () -> RecordingLevel.INFO.shouldRecord(3));
    }

    @Test
    void shouldAddAMetricNameOnlyOnceAndStillAnswerTrue() {
        Sensor sensor = sensor(RecordingLevel.INFO, RecordingLevel.INFO);

        // As Kafka's: add answers false only for an expired sensor; a name already there is left as it is.
        assertTrue(sensor.add(name("total"), new CumulativeCount()));
        assertTrue(sensor.add(name("total"), new CumulativeCount()));
        assertEquals(1, sensor.metricNames().size());
    }

    @Test
    void shouldMeasureARateAsKafkaDoesWhileTheFirstSampleFills() {
        Sensor sensor = sensor(RecordingLevel.INFO, RecordingLevel.INFO);
        sensor.add(name("rate"), new Rate(new WindowedCount()));
        for (int i = 0; i < 60; i++) {
            sensor.record();
        }
        time.sleep(10_000L);

        // 10 s elapsed, plus the one full window (samples - 1) not yet elapsed: 60 recordings over 40 s.
        assertEquals(1.5, value("rate"));
        time.sleep(35_000L);
        // 45 s elapsed holds one full window already: 60 over 45 s.
        assertEquals(60 / 45.0, value("rate"));
    }

    @Test
    void shouldRecordAndMeasureUnderTheConfigGivenWithTheStat() {
        Sensor sensor = sensor(RecordingLevel.INFO, RecordingLevel.INFO);
        // Samples of 1 s or 2 recordings, whichever ends first; Kafka keeps samples + 1 = 4 of them in a ring.
        MetricConfig config = new MetricConfig().timeWindow(1, TimeUnit.SECONDS).eventWindow(2).samples(3);
        sensor.add(name("sum"), new WindowedSum(), config);
        for (int i = 1; i <= 9; i++) {
            sensor.record(i);
        }

        // Samples {1,2} {3,4} {5,6} {7,8} {9} are made, in a ring of samples + 1 = 4: {1,2} was reused for {9}.
        assertEquals(3 + 4 + 5 + 6 + 7 + 8 + 9, value("sum"));
        assertEquals(config, ((KafkaMetric) metrics.get("sum")).config());
    }

    @Test
    void shouldPublishEachMetricOfACompoundStat() {
        Sensor sensor = sensor(RecordingLevel.INFO, RecordingLevel.INFO);
        sensor.add(new Meter(name("orders-rate"), name("orders-total")));

        sensor.record(2.0);
        sensor.record(4.0);

        assertEquals(6.0, value("orders-total"));
        assertEquals(6.0 / 30, value("orders-rate"), "the sum over one full window at least");
    }

    @Test
    void shouldThrowWhenAStatIsOutsideItsQuota() {
        Sensor sensor = sensor(RecordingLevel.INFO, RecordingLevel.INFO);
        sensor.add(name("rate"), new Rate(), new MetricConfig().quota(Quota.upperBound(10.0)));

        sensor.record(300.0); // 300 over 30 s: exactly the bound, which is acceptable
        QuotaViolationException e = assertThrows(QuotaViolationException.class, () -> sensor.record(3.0));

        assertEquals(303.0 / 30, e.value(), "the value is recorded, then checked");
        assertEquals(10.0, e.bound());
        assertEquals("rate", e.metric().metricName().name());
        assertTrue(e.toString().endsWith("' violated quota. Actual: " + e.value() + ", Threshold: 10.0"));
        sensor.record(3.0, time.milliseconds(), false);
        assertThrows(QuotaViolationException.class, sensor::checkQuotas);
        assertEquals(306.0 / 30, value("rate"), "300 + 3 + 3 over 30 s");
    }

    @Test
    void shouldViolateATokenBucketsQuotaOnceItHasNoTokensLeft() {
        Sensor sensor = sensor(RecordingLevel.INFO, RecordingLevel.INFO);
        // 5 tokens per second, holding at most samples * window * quota = 2 * 1 s * 5 = 10 tokens; it starts empty.
        sensor.add(name("tokens"), new TokenBucket(), new MetricConfig().timeWindow(1, TimeUnit.SECONDS)
            .quota(Quota.upperBound(5.0)));

        sensor.record(3.0, 1_000L); // refilled with 5 tokens by then, 2 left
        assertEquals(2.0, ((KafkaMetric) metrics.get("tokens")).measurable().measure(
            ((KafkaMetric) metrics.get("tokens")).config(), 1_000L));
        QuotaViolationException e = assertThrows(QuotaViolationException.class, () -> sensor.record(4.0, 1_200L));
        assertEquals(-1.0, e.value(), 1e-9, "2 + 0.2 s * 5 - 4");
    }

    @Test
    void shouldExpireAfterItsInactiveTimeAndThenAddNothing() {
        Sensor sensor = new Sensor("s", RecordingLevel.INFO, new MetricConfig(), 10, time,
            metric -> metrics.put(metric.metricName().name(), metric));
        time.sleep(10_000L);
        assertFalse(sensor.hasExpired(), "10 s without recording is not more than 10 s");
        sensor.record();
        time.sleep(10_001L);

        assertTrue(sensor.hasExpired());
        assertFalse(sensor.add(name("total"), new CumulativeCount()));
        assertFalse(sensor.hasMetrics());
    }

    @Test
    void shouldRefuseASensorReachingAnAncestorTwice() {
        Sensor parent = sensor(RecordingLevel.INFO, RecordingLevel.INFO);
        Sensor child = new Sensor("s", RecordingLevel.INFO, RecordingLevel.INFO, time, metric -> { }, parent);
        child.add(name("child-total"), new CumulativeCount());
        parent.add(name("parent-total"), new CumulativeCount());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new Sensor("t", RecordingLevel.INFO, RecordingLevel.INFO, time, metric -> { }, child, parent));
        assertEquals("Circular dependency in sensors: s is its own parent.", e.getMessage());
    }
}
