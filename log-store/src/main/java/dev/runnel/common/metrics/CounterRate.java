package dev.runnel.common.metrics;

import dev.runnel.common.utils.Time;
import java.util.function.LongSupplier;

/** A rate over the interval between two reads at least a second apart; the first covers the time since start. */
final class CounterRate {
    private static final long MIN_SAMPLE_MS = 1_000L;
    private final Time time;
    private final LongSupplier total;
    private long sampleTimeMs;
    private long sampleTotal;
    private double rate;

    CounterRate(Time time, LongSupplier total) {
        this.time = time;
        this.total = total;
        this.sampleTimeMs = time.milliseconds();
        this.sampleTotal = total.getAsLong();
    }

    synchronized Object value() {
        long now = time.milliseconds();
        long current = total.getAsLong();
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
