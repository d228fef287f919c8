package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MeasurableStat;
import dev.runnel.common.metrics.MetricConfig;

/** The last value recorded; 0 before the first. */
public class Value implements MeasurableStat {
    private double value;

    @Override
    public double measure(MetricConfig config, long nowMs) {
        return value;
    }

    @Override
    public void record(MetricConfig config, double value, long timeMs) {
        this.value = value;
    }
}
