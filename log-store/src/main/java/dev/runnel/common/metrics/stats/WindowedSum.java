package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MetricConfig;
import java.util.List;

/** The sum of the values recorded in the window; 0 if there are none. */
public class WindowedSum extends SampledStat {
    /** Creates an empty sum. */
    public WindowedSum() {
        super(0.0);
    }

    @Override
    protected void update(Sample sample, MetricConfig config, double value, long timeMs) {
        sample.value += value;
    }

    @Override
    public double combine(List<Sample> samples, MetricConfig config, long nowMs) {
        double total = 0.0;
        for (int i = 0; i < samples.size(); i++) {
            total += samples.get(i).value;
        }
        return total;
    }
}
