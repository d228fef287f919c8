package dev.runnel.common.metrics;

import dev.runnel.common.metrics.Sensor.RecordingLevel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a metric measures, as Kafka's {@code MetricConfig}: windowed stats keep {@link #samples()} samples, each of
 * which collects recordings for {@link #timeWindowMs()} or {@link #eventWindow()} recordings, whichever ends first;
 * an optional {@link #quota()} that {@link Sensor#checkQuotas()} enforces; default tags; and the recording level in
 * force. The defaults are Kafka's: two samples of 30 seconds, no event window, no quota, {@code INFO}. Setters return
 * this config, as Kafka's do. Not thread-safe; configure it before handing it over.
 */
public class MetricConfig {
    /** The default number of samples, as {@code metrics.num.samples}. */
    public static final int DEFAULT_NUM_SAMPLES = 2;

    private Quota quota;
    private int samples = DEFAULT_NUM_SAMPLES;
    private long eventWindow = Long.MAX_VALUE;
    private long timeWindowMs = TimeUnit.SECONDS.toMillis(30);
    private Map<String, String> tags = new LinkedHashMap<>();
    private RecordingLevel recordingLevel = RecordingLevel.INFO;

    public Quota quota() {
        return quota;
    }

    /** Sets the bound a stat's measurement must stay within; null for none. */
    public MetricConfig quota(Quota quota) {
        this.quota = quota;
        return this;
    }

    public long eventWindow() {
        return eventWindow;
    }

    /** Sets how many recordings a sample takes at most before the next one starts. */
    public MetricConfig eventWindow(long window) {
        this.eventWindow = window;
        return this;
    }

    public long timeWindowMs() {
        return timeWindowMs;
    }

    /** Sets how long a sample collects recordings. */
    public MetricConfig timeWindow(long window, TimeUnit unit) {
        this.timeWindowMs = TimeUnit.MILLISECONDS.convert(window, unit);
        return this;
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** Sets the tags a registry adds to the names it makes ({@code Metrics.metricName(name, group)}). */
    public MetricConfig tags(Map<String, String> tags) {
        this.tags = tags;
        return this;
    }

    public int samples() {
        return samples;
    }

    /**
     * Sets the number of samples a windowed stat keeps.
     *
     * @throws IllegalArgumentException if {@code samples} is below 1
     */
    public MetricConfig samples(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("The number of samples must be at least 1.");
        }
        this.samples = samples;
        return this;
    }

    public RecordingLevel recordLevel() {
        return recordingLevel;
    }

    /** Sets the recording level in force: sensors finer than it record nothing. */
    public MetricConfig recordLevel(RecordingLevel recordingLevel) {
        this.recordingLevel = recordingLevel;
        return this;
    }
}
