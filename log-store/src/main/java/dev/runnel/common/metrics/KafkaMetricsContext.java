package dev.runnel.common.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A {@link MetricsContext} of a namespace and optional further labels, as Kafka's. */
public class KafkaMetricsContext implements MetricsContext {
    private final Map<String, String> labels;

    /** Creates a context with only the namespace label. */
    public KafkaMetricsContext(String namespace) {
        this(namespace, Map.of());
    }

    /** Creates a context with the namespace label and {@code contextLabels}, their values as strings. */
    public KafkaMetricsContext(String namespace, Map<String, ?> contextLabels) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(NAMESPACE, Objects.requireNonNull(namespace, "namespace"));
        contextLabels.forEach((key, value) -> all.put(key, value == null ? null : value.toString()));
        this.labels = Collections.unmodifiableMap(all);
    }

    @Override
    public Map<String, String> contextLabels() {
        return labels;
    }
}
