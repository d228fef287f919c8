package dev.runnel.common.metrics.stats;

/** The largest value recorded in the window; {@code NaN} if there is none. */
public final class Max extends SampledStat {
    /** Creates an empty maximum. */
    public Max() {
        super(Double.NEGATIVE_INFINITY);
    }

    @Override
    double update(double sampleValue, double value) {
        return Math.max(sampleValue, value);
    }

    @Override
    double combine(double combined, double sampleValue) {
        return Math.max(combined, sampleValue);
    }

    @Override
    double result(double combined, long count) {
        return count == 0 ? Double.NaN : combined;
    }
}
