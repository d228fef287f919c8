package dev.runnel.common.metrics.stats;

/** The sum of the values recorded in the window; 0 if there are none. */
public class WindowedSum extends SampledStat {
    /** Creates an empty sum. */
    public WindowedSum() {
        super(0.0);
    }

    @Override
    double update(double sampleValue, double value) {
        return sampleValue + value;
    }

    @Override
    final double combine(double combined, double sampleValue) {
        return combined + sampleValue;
    }

    @Override
    final double result(double combined, long count) {
        return combined;
    }
}
