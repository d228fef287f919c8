package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MetricConfig;

/** The number of recordings in the window, whatever their values. */
public class WindowedCount extends WindowedSum {
    @Override
    protected void update(Sample sample, MetricConfig config, double value, long timeMs) {
        sample.value += 1.0;
    }
}
