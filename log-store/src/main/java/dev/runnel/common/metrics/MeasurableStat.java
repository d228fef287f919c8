package dev.runnel.common.metrics;

/**
 * A statistic a {@link Sensor} keeps, such as an average or a rate, published as one metric, as Kafka's {@code
 * MeasurableStat}. Not thread-safe; the sensor owning it locks around recording and measuring.
 */
public interface MeasurableStat extends Stat, Measurable {
}
