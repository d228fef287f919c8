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
import dev.runnel.common.metrics.stats.Rate;
import dev.runnel.common.metrics.stats.WindowedCount;
import dev.runnel.common.utils.ManualTime;
import java.util.HashMap;
import java.util.Map;
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
    void shouldAddAMetricNameOnlyOnce() {
        Sensor sensor = sensor(RecordingLevel.INFO, RecordingLevel.INFO);

        assertTrue(sensor.add(name("total"), new CumulativeCount()));
        assertFalse(sensor.add(name("total"), new CumulativeCount()));
        assertEquals(1, sensor.metricNames().size());
    }
}
