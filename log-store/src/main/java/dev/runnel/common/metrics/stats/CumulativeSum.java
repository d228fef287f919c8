package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MeasurableStat;

/** The sum of every value recorded since the stat was created. */
public class CumulativeSum implements MeasurableStat {
    private double total;

    @Override
    public void record(double value, long timeMs) {
        total += increment(value);
    }

    /** Returns what a recording of {@code value} adds to the total. */
    double increment(double value) {
        return value;
    }

    @Override
    public final double measure(long nowMs) {
        return total;
    }
}
