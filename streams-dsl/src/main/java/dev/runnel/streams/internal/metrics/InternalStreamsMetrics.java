package dev.runnel.streams.internal.metrics;

import dev.runnel.common.MetricName;
import dev.runnel.streams.StreamsMetrics;
import java.util.function.Supplier;

/** What the runtime's own stores need of {@code context.metrics()} beyond {@link StreamsMetrics}: gauges. */
public interface InternalStreamsMetrics extends StreamsMetrics {
    /** Adds metric {@code name}, whose value {@code value} computes on each read (from any thread). */
    void addGauge(MetricName name, Supplier<Object> value);
}
