package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MeasurableStat;
import dev.runnel.common.metrics.MetricConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stat over a sliding window of samples, as Kafka's {@code SampledStat}: a recording goes into the current sample
 * until that one is {@code timeWindowMs} old or holds {@code eventWindow} recordings (from the {@link MetricConfig});
 * then the next sample starts. Up to {@code samples + 1} samples are kept, reused in turn, and a measurement first
 * resets those whose last recording is {@code samples * timeWindowMs} old or older, then {@link #combine}s them all.
 * Subclasses say how a recording changes a sample ({@link #update}) and how samples make the value. Not
 * thread-safe; the owning sensor synchronizes.
 */
public abstract class SampledStat implements MeasurableStat {
    private final double initialValue;
    private int current;
    // A window set by a Rate built with one, overriding the config's; -1 for none.
    private long timeWindowMs = -1;
    protected List<Sample> samples = new ArrayList<>(3);

    /** Creates a stat whose samples start at {@code initialValue} (0 for a sum, -infinity for a maximum). */
    public SampledStat(double initialValue) {
        this.initialValue = initialValue;
    }

    @Override
    public void record(MetricConfig config, double value, long recordingTimeMs) {
        Sample sample = current(recordingTimeMs);
        if (sample.isComplete(recordingTimeMs, config)) {
            sample = advance(config, recordingTimeMs);
        }
        update(sample, config, value, recordingTimeMs);
        sample.eventCount += 1;
        sample.lastEventMs = recordingTimeMs;
    }

    private Sample advance(MetricConfig config, long timeMs) {
        // One sample more than the config's: the oldest of a full window stays while the newest fills.
        current = (current + 1) % (config.samples() + 1);
        if (current >= samples.size()) {
            Sample sample = newSample(timeMs);
            samples.add(sample);
            return sample;
        }
        Sample sample = current(timeMs);
        sample.reset(timeMs);
        return sample;
    }

    /** Returns a new, empty sample starting at {@code timeMs}. */
    protected Sample newSample(long timeMs) {
        return new Sample(initialValue, timeMs, timeWindowMs);
    }

    @Override
    public double measure(MetricConfig config, long nowMs) {
        purgeObsoleteSamples(config, nowMs);
        return combine(samples, config, nowMs);
    }

    /** Returns the sample recordings at {@code timeMs} go into, creating the first. */
    public Sample current(long timeMs) {
        if (samples.isEmpty()) {
            samples.add(newSample(timeMs));
        }
        return samples.get(current);
    }

    /** Returns the sample that started first, creating the first. */
    public Sample oldest(long nowMs) {
        if (samples.isEmpty()) {
            samples.add(newSample(nowMs));
        }
        Sample oldest = samples.get(0);
        for (int i = 1; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            if (sample.startTimeMs < oldest.startTimeMs) {
                oldest = sample;
            }
        }
        return oldest;
    }

    /** Makes every sample last {@code window} long, whatever the config says (for a {@link Rate} built so). */
    protected void withTimeWindow(long window, TimeUnit unit) {
        this.timeWindowMs = TimeUnit.MILLISECONDS.convert(window, unit);
    }

    /** Changes {@code sample} for a recording of {@code value} at {@code timeMs}. */
    protected abstract void update(Sample sample, MetricConfig config, double value, long timeMs);

    /** Returns the stat's value from the samples (some possibly empty) at {@code nowMs}. */
    public abstract double combine(List<Sample> samples, MetricConfig config, long nowMs);

    /** Resets the samples whose last recording is at least {@code samples * timeWindowMs} before {@code nowMs}. */
    protected void purgeObsoleteSamples(MetricConfig config, long nowMs) {
        long windowMs = timeWindowMs > 0 ? timeWindowMs : config.timeWindowMs();
        long expireAgeMs = config.samples() * windowMs;
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            if (nowMs - sample.lastEventMs >= expireAgeMs) {
                sample.reset(nowMs);
            }
        }
    }

    @Override
    public String toString() {
        return "SampledStat(initialValue=" + initialValue + ", current=" + current + ", samples=" + samples + ")";
    }

    /** One sample's recordings, as Kafka's {@code SampledStat.Sample}. */
    public static class Sample {
        public double initialValue;
        public long eventCount;
        public long startTimeMs;
        public long lastEventMs;
        public double value;
        public long timeWindowMs;

        /** Creates an empty sample starting at {@code nowMs}, as long as the config's window. */
        public Sample(double initialValue, long nowMs) {
            this(initialValue, nowMs, -1);
        }

        /** Creates an empty sample starting at {@code nowMs}, {@code timeWindowMs} long (the config's if not > 0). */
        public Sample(double initialValue, long nowMs, long timeWindowMs) {
            this.initialValue = initialValue;
            this.startTimeMs = nowMs;
            this.lastEventMs = nowMs;
            this.value = initialValue;
            this.timeWindowMs = timeWindowMs;
        }

        /** Empties the sample, which starts again at {@code nowMs}. */
        public void reset(long nowMs) {
            eventCount = 0;
            startTimeMs = nowMs;
            lastEventMs = nowMs;
            value = initialValue;
        }

        /** Returns whether a recording at {@code timeMs} belongs in the next sample. */
        public boolean isComplete(long timeMs, MetricConfig config) {
            long windowMs = timeWindowMs > 0 ? timeWindowMs : config.timeWindowMs();
            return timeMs - startTimeMs >= windowMs || eventCount >= config.eventWindow();
        }

        @Override
        public String toString() {
            return "Sample(value=" + value + ", eventCount=" + eventCount + ", startTimeMs=" + startTimeMs
                + ", lastEventMs=" + lastEventMs + ", initialValue=" + initialValue + ", timeWindowMs=" + timeWindowMs
                + ")";
        }
    }
}
