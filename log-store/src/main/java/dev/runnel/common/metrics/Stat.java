package dev.runnel.common.metrics;

/** Something a {@link Sensor} records values into, as Kafka's {@code Stat}. Not thread-safe; the sensor locks. */
public interface Stat {
    /** Records {@code value}, taken at {@code timeMs} (epoch milliseconds), under the windows {@code config} sets. */
    void record(MetricConfig config, double value, long timeMs);
}
