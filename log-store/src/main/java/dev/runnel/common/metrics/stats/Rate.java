package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MeasurableStat;
import dev.runnel.common.metrics.MetricConfig;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A rate per {@code unit} (per second unless given), as Kafka's {@code Rate}: a windowed stat (the sum of the
 * recorded values by default; {@code new Rate(new WindowedCount())} counts recordings) divided by the time its
 * window covers. That time runs from the start of the oldest sample to now, and counts at least {@code samples - 1}
 * full sample windows, so that the first recordings do not read as a burst.
 */
public class Rate implements MeasurableStat {
    protected final TimeUnit unit;
    protected final SampledStat stat;
    // A sample window set at construction, overriding the config's; -1 for none.
    protected final long timeWindowMs;

    /** Creates the per-second rate of the recorded values' sum. */
    public Rate() {
        this(TimeUnit.SECONDS);
    }

    /** Creates the rate per {@code unit} of the recorded values' sum. */
    public Rate(TimeUnit unit) {
        this(unit, new WindowedSum());
    }

    /** Creates the per-second rate of {@code stat}, such as a {@link WindowedCount}. */
    public Rate(SampledStat stat) {
        this(TimeUnit.SECONDS, stat);
    }

    /** Creates the rate per {@code unit} of {@code stat}. */
    public Rate(TimeUnit unit, SampledStat stat) {
        this(unit, stat, -1);
    }

    /** Creates the rate per {@code unit} of {@code stat}, whose samples last {@code timeWindow} {@code unit}s. */
    public Rate(TimeUnit unit, SampledStat stat, long timeWindow) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.stat = Objects.requireNonNull(stat, "stat");
        if (timeWindow > 0) {
            this.timeWindowMs = TimeUnit.MILLISECONDS.convert(timeWindow, unit);
            stat.withTimeWindow(timeWindow, unit);
        } else {
            this.timeWindowMs = -1;
        }
    }

    /** Returns the unit's name less its last two letters, in lower case ({@code secon}), exactly as Kafka's does. */
    public String unitName() {
        String name = unit.name();
        return name.substring(0, name.length() - 2).toLowerCase(Locale.ROOT);
    }

    @Override
    public void record(MetricConfig config, double value, long timeMs) {
        stat.record(config, value, timeMs);
    }

    @Override
    public double measure(MetricConfig config, long nowMs) {
        double value = stat.measure(config, nowMs);
        return value / convert(windowSize(config, nowMs), unit);
    }

    /** Returns the time in milliseconds the rate is over: see the class comment; at least 1. */
    public long windowSize(MetricConfig config, long nowMs) {
        stat.purgeObsoleteSamples(config, nowMs);
        long elapsedMs = nowMs - stat.oldest(nowMs).startTimeMs;
        long windowMs = timeWindowMs > 0 ? timeWindowMs : config.timeWindowMs();
        int fullWindows = (int) (elapsedMs / windowMs);
        int minFullWindows = config.samples() - 1;
        if (fullWindows < minFullWindows) {
            elapsedMs += (minFullWindows - fullWindows) * windowMs;
        }
        return Math.max(elapsedMs, 1);
    }

    /** Returns {@code timeMs} milliseconds in {@code unit}s. */
    static double convert(long timeMs, TimeUnit unit) {
        return switch (unit) {
            case NANOSECONDS -> timeMs * 1000.0 * 1000.0;
            case MICROSECONDS -> timeMs * 1000.0;
            case MILLISECONDS -> timeMs;
            case SECONDS -> timeMs / 1000.0;
            case MINUTES -> timeMs / (60.0 * 1000.0);
            case HOURS -> timeMs / (60.0 * 60.0 * 1000.0);
            case DAYS -> timeMs / (24.0 * 60.0 * 60.0 * 1000.0);
        };
    }

    @Override
    public String toString() {
        return "Rate(unit=" + unit + ", stat=" + stat + ")";
    }
}
