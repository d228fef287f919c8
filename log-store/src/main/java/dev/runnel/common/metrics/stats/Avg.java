package dev.runnel.common.metrics.stats;

/** The average of the values recorded in the window; {@code NaN} if there are none. */
public final class Avg extends SampledStat {
    /** Creates an empty average. */
    public Avg() {
        super(0.0);
    }

    @Override
    double update(double sampleValue, double value) {
        return sampleValue + value;
    }

    @Override
    double combine(double combined, double sampleValue) {
        return combined + sampleValue;
    }

    @Override
    double result(double combined, long count) {
        return count == 0 ? Double.NaN : combined / count;
    }
}
