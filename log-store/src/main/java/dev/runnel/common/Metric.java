package dev.runnel.common;

/** One metric, as in Kafka: its name and its current value (a {@code Double} for measurements). */
public interface Metric {
    /** Returns the metric's name. */
    MetricName metricName();

    /** Returns the current value; safe to call from any thread. */
    Object metricValue();
}
