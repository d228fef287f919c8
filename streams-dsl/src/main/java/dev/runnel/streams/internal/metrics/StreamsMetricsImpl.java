package dev.runnel.streams.internal.metrics;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.MetricConfig;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.CumulativeCount;
import dev.runnel.common.metrics.stats.Max;
import dev.runnel.common.metrics.stats.Rate;
import dev.runnel.common.metrics.stats.WindowedCount;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.StreamsMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@link StreamsMetrics} of one client (or test driver): sensors by name, whose metrics go into the client's
 * {@link StreamsMetricsRegistry}. Thread-safe.
 */
final class StreamsMetricsImpl implements InternalStreamsMetrics {
    private final StreamsMetricsRegistry registry;
    private final Time time;
    /** The registry's config: the recording level in force and how sensors' windowed stats sample. */
    private final MetricConfig config;
    private final Map<String, Sensor> sensors = new ConcurrentHashMap<>();

    StreamsMetricsImpl(StreamsMetricsRegistry registry, Time time, MetricConfig config) {
        this.registry = registry;
        this.time = time;
        this.config = config;
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return registry.metrics();
    }

    @Override
    public void addGauge(MetricName name, Supplier<Object> value) {
        registry.addGauge(name.group(), name.name(), name.description(), name.tags(), value);
    }

    @Override
    public Sensor addLatencyRateTotalSensor(String scopeName, String entityName, String operationName,
        RecordingLevel recordingLevel, String... tags) {
        Sensor sensor = addRateTotalSensor(scopeName, entityName, operationName, recordingLevel, tags);
        Map<String, String> tagMap = customTags(scopeName, entityName, tags);
        String group = group(scopeName);
        sensor.add(new MetricName(operationName + "-latency-avg", group,
            "The average latency of " + operationName + " of " + entityName, tagMap), new Avg());
        sensor.add(new MetricName(operationName + "-latency-max", group,
            "The maximum latency of " + operationName + " of " + entityName, tagMap), new Max());
        return sensor;
    }

    @Override
    public Sensor addRateTotalSensor(String scopeName, String entityName, String operationName,
        RecordingLevel recordingLevel, String... tags) {
        Map<String, String> tagMap = customTags(scopeName, entityName, tags);
        String group = group(scopeName);
        // Named by thread as well: each stream thread records into its own sensor, told apart by the thread-id tag.
        String name = String.join(".", tagMap.get("thread-id"), scopeName, entityName, operationName);
        Sensor sensor = addSensor(name, recordingLevel);
        sensor.add(new MetricName(operationName + "-rate", group,
            "The average number of " + operationName + " per second of " + entityName, tagMap),
            new Rate(new WindowedCount()));
        sensor.add(new MetricName(operationName + "-total", group,
            "The total number of " + operationName + " of " + entityName, tagMap), new CumulativeCount());
        return sensor;
    }

    private static Map<String, String> customTags(String scopeName, String entityName, String... tags) {
        Objects.requireNonNull(scopeName, "scopeName");
        Objects.requireNonNull(entityName, "entityName");
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("Tags need to be given as key-value pairs; got " + tags.length
                + " strings");
        }
        Map<String, String> tagMap = new LinkedHashMap<>();
        tagMap.put("thread-id", Thread.currentThread().getName());
        tagMap.put(scopeName + "-id", entityName);
        for (int i = 0; i < tags.length; i += 2) {
            tagMap.put(tags[i], tags[i + 1]);
        }
        return tagMap;
    }

    private static String group(String scopeName) {
        return "stream-" + scopeName + "-metrics";
    }

    @Override
    public Sensor addSensor(String name, RecordingLevel recordingLevel) {
        return addSensor(name, recordingLevel, new Sensor[0]);
    }

    @Override
    public Sensor addSensor(String name, RecordingLevel recordingLevel, Sensor... parents) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(recordingLevel, "recordingLevel");
        return sensors.computeIfAbsent(name,
            key -> new Sensor(key, recordingLevel, config, Long.MAX_VALUE, time, registry::add, parents));
    }

    @Override
    public void removeSensor(Sensor sensor) {
        if (sensors.remove(sensor.name(), sensor)) {
            sensor.metricNames().forEach(registry::remove);
        }
    }

    /** Forgets the sensors that have a metric {@code isRemoved} matches, after the registry dropped those metrics. */
    void forgetSensors(Predicate<MetricName> isRemoved) {
        sensors.values().removeIf(sensor -> sensor.metricNames().stream().anyMatch(isRemoved));
    }
}
