package dev.runnel.common.metrics;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A metric of a client, of Kafka Streams or of an application, as Kafka's {@code KafkaMetric}: a name and a value
 * computed each time it is read. Thread-safe when {@code value} is.
 */
public final class KafkaMetric implements Metric {
    private final MetricName metricName;
    private final Supplier<?> value;

    /** Creates a metric whose {@link #metricValue()} is what {@code value} returns when asked. */
    public KafkaMetric(MetricName metricName, Supplier<?> value) {
        this.metricName = Objects.requireNonNull(metricName, "metricName");
        this.value = Objects.requireNonNull(value, "value");
    }

    @Override
    public MetricName metricName() {
        return metricName;
    }

    @Override
    public Object metricValue() {
        return value.get();
    }

    @Override
    public String toString() {
        return "KafkaMetric(" + metricName + ")";
    }
}
