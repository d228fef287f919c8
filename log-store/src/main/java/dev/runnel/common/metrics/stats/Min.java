package dev.runnel.common.metrics.stats;

/** The smallest value recorded in the window; {@code NaN} if there is none. */
public final class Min extends SampledStat {
    /** Creates an empty minimum. */
    public Min() {
        super(Double.POSITIVE_INFINITY);
    }

    @Override
    double update(double sampleValue, double value) {
        return Math.min(sampleValue, value);
    }

    @Override
    double combine(double combined, double sampleValue) {
        return Math.min(combined, sampleValue);
    }

    @Override
    double result(double combined, long count) {
        return count == 0 ? Double.NaN : combined;
    }
}
