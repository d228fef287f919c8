package dev.runnel.common.metrics;

/**
 * A metric whose value, of any type, is computed when it is read, as Kafka's {@code Gauge}:
 * <pre>{@code metrics.addMetric(name, (Gauge<Integer>) (config, now) -> queue.size());}</pre>
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
public interface Gauge<T> extends MetricValueProvider<T> {
}
