package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MetricConfig;
import java.util.List;

/** The largest value recorded in the window; {@code NaN} if there is none. */
public class Max extends SampledStat {
    /** Creates an empty maximum. */
    public Max() {
        super(Double.NEGATIVE_INFINITY);
    }

    @Override
    protected void update(Sample sample, MetricConfig config, double value, long timeMs) {
        sample.value = Math.max(sample.value, value);
    }

    @Override
    public double combine(List<Sample> samples, MetricConfig config, long nowMs) {
        double max = Double.NEGATIVE_INFINITY;
        long count = 0;
        for (int i = 0; i < samples.size(); i++) {
            max = Math.max(max, samples.get(i).value);
            count += samples.get(i).eventCount;
        }
        return count == 0 ? Double.NaN : max;
    }
}
