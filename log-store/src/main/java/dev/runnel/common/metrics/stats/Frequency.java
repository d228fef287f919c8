package dev.runnel.common.metrics.stats;

import dev.runnel.common.MetricName;

/** One value a {@link Frequencies} publishes the frequency of: its metric's name and the value. */
public class Frequency {
    private final MetricName name;
    private final double centerValue;

    public Frequency(MetricName name, double centerValue) {
        this.name = name;
        this.centerValue = centerValue;
    }

    public MetricName name() {
        return name;
    }

    public double centerValue() {
        return centerValue;
    }

    @Override
    public String toString() {
        return "Frequency(name=" + name + ", centerValue=" + centerValue + ")";
    }
}
