package dev.runnel.common.metrics;

/**
 * What computes a metric's value when it is read, as Kafka's {@code MetricValueProvider}: a {@link Measurable} for a
 * number, a {@link Gauge} for any value.
 *
 * @param <T> the type of the value
 */
public interface MetricValueProvider<T> {
    /** Returns the value at {@code nowMs} under {@code config}. */
    T value(MetricConfig config, long nowMs);
}
