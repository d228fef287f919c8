package dev.runnel.common.metrics.stats;

/** The number of recordings since the stat was created, whatever their values. */
public final class CumulativeCount extends CumulativeSum {
    @Override
    double increment(double value) {
        return 1.0;
    }
}
