package dev.runnel.common.metrics;

import java.util.Map;

/**
 * Labels that say where a {@link Metrics} registry's metrics come from, handed to each {@link MetricsReporter}
 * (KIP-606), as Kafka's {@code MetricsContext}: at least {@link #NAMESPACE}, the JMX domain of the registry such as
 * {@code kafka.consumer}.
 */
public interface MetricsContext {
    /** The label naming the registry's namespace. */
    String NAMESPACE = "_namespace";

    /** Returns the labels; unmodifiable. */
    Map<String, String> contextLabels();
}
