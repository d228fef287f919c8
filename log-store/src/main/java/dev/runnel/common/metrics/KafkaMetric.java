package dev.runnel.common.metrics;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.utils.Time;
import java.util.Objects;

/**
 * A metric of a client, of Kafka Streams or of an application, as Kafka's {@code KafkaMetric}: a name and a {@link
 * MetricValueProvider} asked for the value, under the metric's {@link MetricConfig}, each time it is read.
 * Thread-safe: reading holds {@code lock}, the one its sensor holds while recording.
 */
public final class KafkaMetric implements Metric {
    private final Object lock;
    private final MetricName metricName;
    private final MetricValueProvider<?> valueProvider;
    private final Time time;
    private volatile MetricConfig config;

    /**
     * Creates a metric read under {@code lock} (its sensor, for a stat), {@code config} and the clock {@code time}.
     */
    public KafkaMetric(Object lock, MetricName metricName, MetricValueProvider<?> valueProvider, MetricConfig config,
        Time time) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.metricName = Objects.requireNonNull(metricName, "metricName");
        this.valueProvider = Objects.requireNonNull(valueProvider, "valueProvider must not be null");
        this.config = config;
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public MetricName metricName() {
        return metricName;
    }

    /** Returns the value now: a {@code Double} for a {@link Measurable}, whatever a {@link Gauge} gives otherwise. */
    @Override
    public Object metricValue() {
        long nowMs = time.milliseconds();
        synchronized (lock) {
            return valueProvider.value(config, nowMs);
        }
    }

    public MetricConfig config() {
        return config;
    }

    /** Replaces the config, such as to change the quota. */
    public void config(MetricConfig config) {
        synchronized (lock) {
            this.config = config;
        }
    }

    /** Returns whether the value is a number measured by a {@link Measurable}. */
    public boolean isMeasurable() {
        return valueProvider instanceof Measurable;
    }

    /**
     * Returns what measures the metric.
     *
     * @throws IllegalStateException if it is a {@link Gauge}
     */
    public Measurable measurable() {
        if (valueProvider instanceof Measurable measurable) {
            return measurable;
        }
        throw new IllegalStateException("Not a measurable: " + valueProvider.getClass());
    }

    /** Returns the measurement at {@code nowMs}, 0 for a gauge; for quota checks. */
    double measurableValue(long nowMs) {
        synchronized (lock) {
            return valueProvider instanceof Measurable measurable ? measurable.measure(config, nowMs) : 0.0;
        }
    }

    @Override
    public String toString() {
        return "KafkaMetric(" + metricName + ")";
    }
}
