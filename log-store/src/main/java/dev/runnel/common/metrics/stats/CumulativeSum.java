package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MeasurableStat;
import dev.runnel.common.metrics.MetricConfig;

/** The sum of every value recorded since the stat was created, from a starting value (0 unless given). */
public class CumulativeSum implements MeasurableStat {
    private double total;

    /** Creates a sum starting at 0. */
    public CumulativeSum() {
        this(0.0);
    }

    /** Creates a sum starting at {@code value}. */
    public CumulativeSum(double value) {
        this.total = value;
    }

    @Override
    public void record(MetricConfig config, double value, long timeMs) {
        total += value;
    }

    @Override
    public double measure(MetricConfig config, long nowMs) {
        return total;
    }

    @Override
    public String toString() {
        return "CumulativeSum(total=" + total + ")";
    }
}
