package dev.runnel.common.metrics;

import dev.runnel.common.KafkaException;

/**
 * Thrown by {@link Sensor#checkQuotas()} (and by recording, which checks them) when a metric's value is outside its
 * {@link Quota}, as Kafka's. It is a signal for throttling rather than a bug, so it carries no stack trace.
 */
public class QuotaViolationException extends KafkaException {
    private static final long serialVersionUID = 1L;
    private final transient KafkaMetric metric;
    private final double value;
    private final double bound;

    public QuotaViolationException(KafkaMetric metric, double value, double bound) {
        super((String) null);
        this.metric = metric;
        this.value = value;
        this.bound = bound;
    }

    /** Returns the metric whose quota was violated. */
    public KafkaMetric metric() {
        return metric;
    }

    /** Returns the metric's value when checked. */
    public double value() {
        return value;
    }

    /** Returns the quota's bound. */
    public double bound() {
        return bound;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": '" + metric.metricName() + "' violated quota. Actual: " + value
            + ", Threshold: " + bound;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
