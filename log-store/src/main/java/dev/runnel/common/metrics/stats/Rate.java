package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MeasurableStat;
import java.util.Objects;

/**
 * A per-second rate: a windowed stat (by default the sum of the recorded values; {@code new Rate(new
 * WindowedCount())} counts recordings) divided by the time its window covers, at least one sample window (30 s) so
 * that the first few recordings do not read as a burst.
 */
public final class Rate implements MeasurableStat {
    private final SampledStat stat;

    /** Creates the rate of the recorded values' sum. */
    public Rate() {
        this(new WindowedSum());
    }

    /** Creates the rate of {@code stat}, such as a {@link WindowedCount}. */
    public Rate(SampledStat stat) {
        this.stat = Objects.requireNonNull(stat, "stat");
    }

    @Override
    public void record(double value, long timeMs) {
        stat.record(value, timeMs);
    }

    @Override
    public double measure(long nowMs) {
        long elapsedMs = Math.max(nowMs - stat.oldestStartMs(nowMs), SampledStat.SAMPLE_WINDOW_MS);
        return stat.measure(nowMs) * 1000.0 / elapsedMs;
    }
}
