package dev.runnel.common.metrics.stats;

/** The number of recordings in the window, whatever their values. */
public final class WindowedCount extends WindowedSum {
    @Override
    double update(double sampleValue, double value) {
        return sampleValue + 1;
    }
}
