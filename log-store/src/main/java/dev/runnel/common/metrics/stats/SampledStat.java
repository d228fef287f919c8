package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MeasurableStat;

/**
 * A stat over a sliding window made of two samples of 30 seconds each (Kafka's default {@code metrics.num.samples}
 * and {@code metrics.sample.window.ms}): a recording goes into the current sample, a new sample starts once the
 * current one is 30 seconds old, and a measurement combines the samples younger than 60 seconds. Not thread-safe; the
 * owning sensor synchronizes.
 */
public abstract class SampledStat implements MeasurableStat {
    /** How long one sample collects recordings. */
    static final long SAMPLE_WINDOW_MS = 30_000L;
    private static final int SAMPLES = 2;

    private final double initialValue;
    private final Sample[] samples = new Sample[SAMPLES];
    private int current = -1;

    SampledStat(double initialValue) {
        this.initialValue = initialValue;
    }

    @Override
    public final void record(double value, long timeMs) {
        Sample sample = currentSample(timeMs);
        sample.value = update(sample.value, value);
        sample.count++;
    }

    private Sample currentSample(long timeMs) {
        if (current < 0 || timeMs - samples[current].startMs >= SAMPLE_WINDOW_MS) {
            current = (current + 1) % SAMPLES;
            samples[current] = new Sample(timeMs, initialValue);
        }
        return samples[current];
    }

    @Override
    public final double measure(long nowMs) {
        double total = initialValue;
        long count = 0;
        for (Sample sample : samples) {
            if (isLive(sample, nowMs) && sample.count > 0) {
                total = combine(total, sample.value);
                count += sample.count;
            }
        }
        return result(total, count);
    }

    /** Returns when the oldest sample still in the window started, or {@code nowMs} if there is none. */
    final long oldestStartMs(long nowMs) {
        long oldest = nowMs;
        for (Sample sample : samples) {
            if (isLive(sample, nowMs)) {
                oldest = Math.min(oldest, sample.startMs);
            }
        }
        return oldest;
    }

    private static boolean isLive(Sample sample, long nowMs) {
        return sample != null && nowMs - sample.startMs < SAMPLES * SAMPLE_WINDOW_MS;
    }

    /** Returns a sample's value after recording {@code value} into it. */
    abstract double update(double sampleValue, double value);

    /** Returns the running combination of samples' values with one more sample's value. */
    abstract double combine(double combined, double sampleValue);

    /** Returns the measurement from the combined value of the live samples and their number of recordings. */
    abstract double result(double combined, long count);

    /** One window's recordings. */
    private static final class Sample {
        private final long startMs;
        private double value;
        private long count;

        Sample(long startMs, double value) {
            this.startMs = startMs;
            this.value = value;
        }
    }
}
