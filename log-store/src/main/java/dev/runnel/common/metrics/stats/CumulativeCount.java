package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MetricConfig;

/** The number of recordings since the stat was created, whatever their values. */
public class CumulativeCount extends CumulativeSum {
    @Override
    public void record(MetricConfig config, double value, long timeMs) {
        super.record(config, 1.0, timeMs);
    }
}
