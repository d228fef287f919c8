package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MetricConfig;
import java.util.List;

/** The average of the values recorded in the window; {@code NaN} if there are none. */
public class Avg extends SampledStat {
    /** Creates an empty average. */
    public Avg() {
        super(0.0);
    }

    @Override
    protected void update(Sample sample, MetricConfig config, double value, long timeMs) {
        sample.value += value;
    }

    @Override
    public double combine(List<Sample> samples, MetricConfig config, long nowMs) {
        double total = 0.0;
        long count = 0;
        for (int i = 0; i < samples.size(); i++) {
            total += samples.get(i).value;
            count += samples.get(i).eventCount;
        }
        return count == 0 ? Double.NaN : total / count;
    }
}
