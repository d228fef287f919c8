package dev.runnel.common.metrics;

/** A metric whose value is a number, as Kafka's {@code Measurable}; its {@link #value} is the boxed measure. */
@FunctionalInterface
public interface Measurable extends MetricValueProvider<Double> {
    /** Returns the measurement at {@code nowMs} under {@code config}. */
    double measure(MetricConfig config, long nowMs);

    @Override
    default Double value(MetricConfig config, long nowMs) {
        return measure(config, nowMs);
    }
}
