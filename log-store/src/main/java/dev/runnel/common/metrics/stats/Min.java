package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MetricConfig;
import java.util.List;

/** The smallest value recorded in the window; {@code NaN} if there is none. */
public class Min extends SampledStat {
    /** Creates an empty minimum. */
    public Min() {
        super(Double.POSITIVE_INFINITY);
    }

    @Override
    protected void update(Sample sample, MetricConfig config, double value, long timeMs) {
        sample.value = Math.min(sample.value, value);
    }

    @Override
    public double combine(List<Sample> samples, MetricConfig config, long nowMs) {
        double min = Double.POSITIVE_INFINITY;
        long count = 0;
        for (int i = 0; i < samples.size(); i++) {
            min = Math.min(min, samples.get(i).value);
            count += samples.get(i).eventCount;
        }
        return count == 0 ? Double.NaN : min;
    }
}
