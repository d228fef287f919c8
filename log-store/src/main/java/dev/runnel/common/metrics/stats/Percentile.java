package dev.runnel.common.metrics.stats;

import dev.runnel.common.MetricName;

/** One percentile a {@link Percentiles} publishes: its metric's name and the percentile, 0 to 100. */
public class Percentile {
    private final MetricName name;
    private final double percentile;

    public Percentile(MetricName name, double percentile) {
        this.name = name;
        this.percentile = percentile;
    }

    public MetricName name() {
        return name;
    }

    public double percentile() {
        return percentile;
    }
}
