package dev.runnel.common.utils;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.KafkaMetric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of a mock client, kept as Kafka's mocks keep them: none until a test sets some, and the metrics an
 * application registered for telemetry (KIP-1076), in order, for a test to check. Thread-safe.
 */
public final class MockClientMetrics {
    private final Map<MetricName, Metric> metrics = new LinkedHashMap<>();
    private final List<KafkaMetric> added = new ArrayList<>();

    /** Sets the metric {@code metrics()} reports under {@code name}. */
    public synchronized void set(MetricName name, Metric metric) {
        metrics.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(metric, "metric"));
    }

    /** Returns a snapshot of the metrics set. */
    public synchronized Map<MetricName, Metric> metrics() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public synchronized void register(KafkaMetric metric) {
        added.add(Objects.requireNonNull(metric, "metric"));
    }

    public synchronized void unregister(KafkaMetric metric) {
        added.remove(metric);
    }

    /** Returns the metrics registered for telemetry and not unregistered, in registration order. */
    public synchronized List<KafkaMetric> added() {
        return List.copyOf(added);
    }
}
