package dev.runnel.common.metrics;

import dev.runnel.common.utils.Time;
import java.util.function.LongSupplier;

/**
 * The per-second rate of a count its owner keeps, for metrics read far more rarely than the count moves: over the
 * interval between two reads at least a second apart. Until {@code samples - 1} sample windows have passed since a
 * read first saw the count move, it is what Kafka's {@code Rate} reads after its first event: the whole count over the
 * time since then plus the windows still missing (one event read at once is 1/30 per second with Kafka's defaults, not
 * a burst of 1,000 per second).
 */
final class CounterRate {
    private static final long MIN_SAMPLE_MS = 1_000L;
    private final Time time;
    private final LongSupplier total;
    private final long windowMs;
    private final int minFullWindows;
    private final long startTotal;
    /** When a read first saw the count move, or -1 before. */
    private long firstMovedMs = -1L;
    private long sampleTimeMs;
    private long sampleTotal;
    private double rate;

    CounterRate(Time time, LongSupplier total, MetricConfig config) {
        this.time = time;
        this.total = total;
        this.windowMs = config.timeWindowMs();
        this.minFullWindows = config.samples() - 1;
        this.startTotal = total.getAsLong();
        this.sampleTimeMs = time.milliseconds();
        this.sampleTotal = startTotal;
    }

    synchronized Object value() {
        long now = time.milliseconds();
        long current = total.getAsLong();
        if (firstMovedMs < 0) {
            if (current == startTotal) {
                return 0.0;
            }
            firstMovedMs = now;
        }
        long sinceMoved = now - firstMovedMs;
        long fullWindows = sinceMoved / windowMs;
        if (fullWindows < minFullWindows) {
            return (current - startTotal) * 1000.0 / (sinceMoved + (minFullWindows - fullWindows) * windowMs);
        }
        long elapsed = now - sampleTimeMs;
        if (elapsed >= MIN_SAMPLE_MS) {
            rate = (current - sampleTotal) * 1000.0 / elapsed;
            sampleTimeMs = now;
            sampleTotal = current;
        } else if (rate == 0.0) {
            // Before the first full sample: the rate so far, so that a count that moved never reads as 0.
            return (current - sampleTotal) * 1000.0 / Math.max(elapsed, 1);
        }
        return rate;
    }
}
