package dev.runnel.streams.internal.metrics;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.JmxReporter;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.metrics.MetricConfig;
import dev.runnel.common.metrics.Metrics;
import dev.runnel.common.metrics.MetricsReporter;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.StreamsMetrics;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.management.ObjectName;

/**
 * The metrics of one {@code KafkaStreams} instance, named as Kafka Streams names them (group {@code
 * stream-thread-metrics} with tag {@code thread-id}, {@code stream-task-metrics} with {@code thread-id} and {@code
 * task-id}, {@code stream-state-metrics} with {@code thread-id}, {@code task-id} and {@code <scope>-state-id}, the
 * scope being the store supplier's {@code metricsScope()}), and registered in JMX as {@code
 * kafka.streams:type=<group>,<tag>=<value>,...}.
 *
 * <p>Every built-in metric reads a counter its owner keeps (a plain field of a stream thread, task or store), so
 * recording costs the owner one increment and nothing here is on the processing path. Counters written by a stream
 * thread are read without synchronization from other threads, so a value may lag by a few records. Processors' own
 * metrics come from sensors they add through {@link #streamsMetrics()}. Thread-safe.
 */
public final class StreamsMetricsRegistry implements AutoCloseable {
    /** JMX domain, as Kafka Streams uses. */
    public static final String JMX_DOMAIN = "kafka.streams";

    private final Metrics metrics;
    private final StreamsMetricsImpl streamsMetrics;

    /**
     * Creates an empty registry for a client or test driver configured by {@code config}: its sensors record up to
     * {@code metrics.recording.level}, and their windowed stats keep {@code metrics.num.samples} samples of
     * {@code metrics.sample.window.ms}, measured with {@code time}.
     *
     * @param jmx whether metrics are also registered in the platform MBean server (not for the test driver)
     * @param reporters the {@code metric.reporters}, told of every metric
     */
    public StreamsMetricsRegistry(Time time, StreamsConfig config, boolean jmx, List<MetricsReporter> reporters) {
        this(time, new MetricConfig()
            .samples(config.getInt(StreamsConfig.METRICS_NUM_SAMPLES_CONFIG))
            .timeWindow(config.getLong(StreamsConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG), TimeUnit.MILLISECONDS)
            .recordLevel(config.metricsRecordingLevel()), jmx, reporters);
    }

    /** Creates an empty registry measuring as Kafka does by default, recording up to {@code recordingLevel}. */
    public StreamsMetricsRegistry(Time time, RecordingLevel recordingLevel, boolean jmx) {
        this(time, new MetricConfig().recordLevel(recordingLevel), jmx, List.of());
    }

    private StreamsMetricsRegistry(Time time, MetricConfig config, boolean jmx, List<MetricsReporter> reporters) {
        this.metrics = new Metrics(config, time, jmx ? JMX_DOMAIN : null, reporters);
        this.streamsMetrics = new StreamsMetricsImpl(this, time, config);
    }

    /** Returns whether sensors of {@code level} record under {@code metrics.recording.level}. */
    public boolean records(RecordingLevel level) {
        return level.shouldRecord(metrics.config().recordLevel());
    }

    /** Returns what processors and stores see as {@code context.metrics()}. */
    public StreamsMetrics streamsMetrics() {
        return streamsMetrics;
    }

    /** Adds a cumulative count, reported as a {@code Double}. */
    public void addTotal(String group, String name, String description, Map<String, String> tags,
        LongSupplier total) {
        metrics.addTotal(new MetricName(name, group, description, tags), total);
    }

    /** Adds a per-second rate of {@code total}, measured between reads at least one second apart. */
    public void addRate(String group, String name, String description, Map<String, String> tags,
        LongSupplier total) {
        metrics.addRate(new MetricName(name, group, description, tags), total);
    }

    /** Adds the average of a measurement, {@code sum / count} (0 before the first). */
    public void addAverage(String group, String name, String description, Map<String, String> tags,
        LongSupplier sum, LongSupplier count) {
        metrics.addAverage(new MetricName(name, group, description, tags), sum, count);
    }

    /** Adds a metric whose value is computed on read. */
    public void addGauge(String group, String name, String description, Map<String, String> tags,
        Supplier<Object> value) {
        metrics.addMetric(new MetricName(name, group, description, tags), value);
    }

    /**
     * Adds a sensor's {@code metric}.
     *
     * @throws IllegalArgumentException if there is a metric of that name already, as Kafka's registry throws
     */
    void add(KafkaMetric metric) {
        metrics.addMetric(metric);
    }

    /** Removes the metric named {@code name}, if present. */
    void remove(MetricName name) {
        metrics.removeMetric(name);
    }

    /** Removes every metric whose tags include all of {@code tags} (for example a closed task's). */
    public void removeAll(Map<String, String> tags) {
        Predicate<MetricName> tagged = name -> name.tags().entrySet().containsAll(tags.entrySet());
        metrics.removeMetrics(tagged);
        streamsMetrics.forgetSensors(tagged);
    }

    /** Returns a snapshot of the metrics. */
    public Map<MetricName, Metric> metrics() {
        return Collections.unmodifiableMap(metrics.metrics());
    }

    /**
     * Returns the JMX name of a metric's group and tags, e.g. {@code kafka.streams:type=stream-thread-metrics,...}: the
     * built-in tags in Kafka's order, then any others (a custom metric's) by name.
     */
    public static ObjectName objectName(MetricName name) {
        return JmxReporter.objectName(JMX_DOMAIN, name);
    }

    @Override
    public void close() {
        metrics.close();
    }
}
