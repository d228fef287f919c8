package dev.runnel.common.metrics;

import dev.runnel.common.Configurable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plugin told of every metric a client or Kafka Streams adds and removes, as Kafka's {@code MetricsReporter}: list
 * its class in {@code metric.reporters}; the owner creates one instance per registry with its no-argument
 * constructor, calls {@link #configure} with the owner's configs, {@link #contextChange}, then {@link #init} with the
 * metrics already there, and {@link #close} when the owner closes. Calls may come from any of the owner's threads; a
 * reporter's exception is logged and does not reach the owner.
 */
public interface MetricsReporter extends Configurable, AutoCloseable {
    /** Receives the metrics registered before this reporter. */
    void init(List<KafkaMetric> metrics);

    /** A metric was added, or replaced by one of the same name. */
    void metricChange(KafkaMetric metric);

    /** A metric was removed. */
    void metricRemoval(KafkaMetric metric);

    /** The owner closes; release what the reporter holds. */
    @Override
    void close();

    /** Receives the labels of the registry this reporter reports on (KIP-606), before {@link #init}. */
    default void contextChange(MetricsContext metricsContext) {
    }

    /** Configs that may change while running: none unless overridden (kept for Kafka's Reconfigurable signature). */
    default Set<String> reconfigurableConfigs() {
        return Set.of();
    }

    /** Checks a reconfiguration; accepts any by default. */
    default void validateReconfiguration(Map<String, ?> configs) {
    }

    /** Applies a reconfiguration; nothing by default. */
    default void reconfigure(Map<String, ?> configs) {
    }
}
