package dev.runnel.common.metrics;

/**
 * A statistic a {@link Sensor} keeps, such as an average or a rate, that is published as one metric. Unlike Kafka's,
 * it takes no {@code MetricConfig}: windowed stats use Kafka's default of two 30-second samples. Not thread-safe; the
 * sensor owning it synchronizes recording and measuring.
 */
public interface MeasurableStat {
    /** Adds {@code value}, recorded at {@code timeMs} (epoch milliseconds). */
    void record(double value, long timeMs);

    /** Returns the stat's value at {@code nowMs}; {@code NaN} for an average or extreme of nothing. */
    double measure(long nowMs);
}
