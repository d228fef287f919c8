package dev.runnel.common.metrics;

import dev.runnel.common.MetricName;
import dev.runnel.common.MetricNameTemplate;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.utils.Time;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry of metrics, as Kafka's {@code Metrics}: what a client's or Kafka Streams' {@code metrics()} returns,
 * optionally published in JMX through a {@link JmxReporter}, and told to the {@link MetricsReporter}s of
 * {@code metric.reporters}.
 *
 * <p>Built directly (as in a unit test: {@code new Metrics()}), it behaves as Kafka's, {@code kafka-metrics-count}
 * included; clients and Kafka Streams build theirs with {@link #Metrics(MetricConfig, Time, String, List)}. Besides
 * Kafka's sensors, it offers metrics computed on read from counters their owner keeps ({@link #addTotal},
 * {@link #addRate}, {@link #addAverage}): the owner pays one increment per event, or per batch, and nothing here runs
 * on its path.
 * Adding a second metric of a name fails, as in Kafka, except through the Runnel shorthands, which replace it (a
 * client re-adds a partition's metrics when it is assigned again).
 * Thread-safe.
 */
public final class Metrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
    /** How often a registry with expiration removes the sensors that have expired, as Kafka's does. */
    private static final long SENSOR_EXPIRY_PERIOD_SECONDS = 30;
    private final MetricConfig config;
    private final Time time;
    private final List<MetricsReporter> reporters;
    private final Map<MetricName, KafkaMetric> metrics = new ConcurrentHashMap<>();
    private final Map<String, Sensor> sensors = new ConcurrentHashMap<>();
    private final Map<Sensor, List<Sensor>> childrenSensors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sensorExpiry;

    /** Creates a registry with Kafka's default config, on the system clock, without reporters. */
    public Metrics() {
        this(new MetricConfig());
    }

    /** Creates a registry with Kafka's default config, without reporters. */
    public Metrics(Time time) {
        this(new MetricConfig(), List.of(), time);
    }

    /** Creates a registry whose stats are measured under {@code defaultConfig}, without reporters. */
    public Metrics(MetricConfig defaultConfig, Time time) {
        this(defaultConfig, List.of(), time);
    }

    /** Creates a registry whose stats are measured under {@code defaultConfig}, on the system clock. */
    public Metrics(MetricConfig defaultConfig) {
        this(defaultConfig, List.of(), Time.SYSTEM);
    }

    /** Creates a registry told to {@code reporters}, whose sensors never expire. */
    public Metrics(MetricConfig defaultConfig, List<MetricsReporter> reporters, Time time) {
        this(defaultConfig, reporters, time, false);
    }

    /** Creates a registry told to {@code reporters}, given {@code metricsContext}, whose sensors never expire. */
    public Metrics(MetricConfig defaultConfig, List<MetricsReporter> reporters, Time time,
        MetricsContext metricsContext) {
        this(defaultConfig, reporters, time, false, metricsContext);
    }

    /** Creates a registry told to {@code reporters}; see the last constructor. */
    public Metrics(MetricConfig defaultConfig, List<MetricsReporter> reporters, Time time, boolean enableExpiration) {
        this(defaultConfig, reporters, time, enableExpiration, new KafkaMetricsContext(""));
    }

    /**
     * Creates a registry, as Kafka's: it measures under {@code defaultConfig}, gives {@code reporters} (configured
     * already, closed with the registry) {@code metricsContext}, and publishes a {@code count} metric (group {@code
     * kafka-metrics-count}) of its metrics.
     *
     * @param enableExpiration whether a background thread removes, every 30 seconds, the sensors that have recorded
     *     nothing for longer than their inactive-sensor expiration time
     */
    public Metrics(MetricConfig defaultConfig, List<MetricsReporter> reporters, Time time, boolean enableExpiration,
        MetricsContext metricsContext) {
        this(defaultConfig, time, reporters, metricsContext, enableExpiration);
        addCount();
    }

    /**
     * Creates a registry for a client or Kafka Streams, measuring under {@code config} (built from the owner's
     * {@code metrics.num.samples}, {@code metrics.sample.window.ms} and {@code metrics.recording.level}), published
     * in JMX under {@code jmxPrefix} (unless null) and told to {@code reporters}, already configured, which it gives
     * the context {@code jmxPrefix} names and closes with itself. A {@link JmxReporter} among them is closed at once
     * when the registry publishes in JMX itself: it would publish everything twice. Its sensors never expire; it
     * publishes {@code kafka-metrics-count}, as Kafka's clients' and Kafka Streams' registries do.
     */
    public Metrics(MetricConfig config, Time time, String jmxPrefix, List<MetricsReporter> reporters) {
        this(config, time, withJmx(jmxPrefix, reporters), new KafkaMetricsContext(jmxPrefix == null ? "" : jmxPrefix),
            false);
        addCount();
    }

    private Metrics(MetricConfig config, Time time, List<MetricsReporter> reporters, MetricsContext context,
        boolean enableExpiration) {
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.reporters = new CopyOnWriteArrayList<>(reporters);
        tellReporters("initializing", reporter -> {
            reporter.contextChange(context);
            reporter.init(List.of());
        });
        this.sensorExpiry = enableExpiration ? startSensorExpiry() : null;
    }

    /** Publishes the number of metrics registered, Kafka's {@code count} of group {@code kafka-metrics-count}. */
    private void addCount() {
        addMetric(metricName("count", "kafka-metrics-count", "total number of registered metrics"),
            (Measurable) (metricConfig, nowMs) -> metrics.size());
    }

    private static List<MetricsReporter> withJmx(String jmxPrefix, List<MetricsReporter> reporters) {
        List<MetricsReporter> all = new ArrayList<>();
        if (jmxPrefix != null) {
            all.add(new JmxReporter(jmxPrefix));
        }
        for (MetricsReporter reporter : reporters) {
            if (jmxPrefix != null && reporter instanceof JmxReporter) {
                reporter.close();
            } else {
                all.add(reporter);
            }
        }
        return all;
    }

    private ScheduledExecutorService startSensorExpiry() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "SensorExpiryThread");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(this::removeExpiredSensors, SENSOR_EXPIRY_PERIOD_SECONDS,
            SENSOR_EXPIRY_PERIOD_SECONDS, TimeUnit.SECONDS);
        return scheduler;
    }

    /** Removes the sensors that have expired, with their metrics; what a registry with expiration runs. */
    void removeExpiredSensors() {
        for (Sensor sensor : sensors.values()) {
            if (sensor.hasExpired()) {
                removeSensor(sensor.name());
            }
        }
    }

    /** Runs {@code call} on each reporter; a reporter's failure is logged, not passed on to the metric's owner. */
    private void tellReporters(String what, Consumer<MetricsReporter> call) {
        for (MetricsReporter reporter : reporters) {
            try {
                call.accept(reporter);
            } catch (RuntimeException e) {
                LOG.error("Metrics reporter {} failed {}", reporter.getClass().getName(), what, e);
            }
        }
    }

    /** Returns a metric name with {@code tags} added to the config's default tags. */
    public MetricName metricName(String name, String group, String description, Map<String, String> tags) {
        Map<String, String> allTags = new LinkedHashMap<>(config.tags());
        allTags.putAll(tags);
        return new MetricName(name, group, description, allTags);
    }

    /** Returns a metric name with the config's default tags. */
    public MetricName metricName(String name, String group, String description) {
        return metricName(name, group, description, Map.of());
    }

    /** Returns a metric name without description, with the config's default tags. */
    public MetricName metricName(String name, String group) {
        return metricName(name, group, "", Map.of());
    }

    /**
     * Returns a metric name whose tags are given as keys and values in turn, after the config's default tags.
     *
     * @throws IllegalArgumentException if a key has no value
     */
    public MetricName metricName(String name, String group, String description, String... keyValue) {
        return metricName(name, group, description, tags(keyValue));
    }

    /** Returns a metric name without description with {@code tags} added to the config's default tags. */
    public MetricName metricName(String name, String group, Map<String, String> tags) {
        return metricName(name, group, "", tags);
    }

    /** Returns the name of {@code template}'s metric whose tags are given as keys and values in turn. */
    public MetricName metricInstance(MetricNameTemplate template, String... keyValue) {
        return metricInstance(template, tags(keyValue));
    }

    /**
     * Returns the name of {@code template}'s metric with {@code tags} (after the config's default tags).
     *
     * @throws IllegalArgumentException unless the tag keys, with the default ones, are the template's
     */
    public MetricName metricInstance(MetricNameTemplate template, Map<String, String> tags) {
        Set<String> runtimeTagKeys = new HashSet<>(tags.keySet());
        runtimeTagKeys.addAll(config.tags().keySet());
        if (!runtimeTagKeys.equals(template.tags())) {
            throw new IllegalArgumentException("For '" + template.name() + "', runtime-defined metric tags do not "
                + "match the tags in the template. Runtime = " + runtimeTagKeys + " Template = " + template.tags());
        }
        return metricName(template.name(), template.group(), template.description(), tags);
    }

    private static Map<String, String> tags(String... keyValue) {
        if (keyValue.length % 2 != 0) {
            throw new IllegalArgumentException("keyValue needs to be specified in pairs");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < keyValue.length; i += 2) {
            tags.put(keyValue[i], keyValue[i + 1]);
        }
        return tags;
    }

    /**
     * Returns an HTML table documenting {@code allMetrics}, as Kafka's: one row per metric, with its description and
     * the JMX name of its bean under {@code domain}, each tag's value shown as {@code {tag}}; rows by bean, then by
     * name. Beans are named as Runnel publishes them ({@link JmxReporter#objectName}).
     *
     * @throws IllegalArgumentException if two templates give one bean the same attribute
     */
    public static String toHtmlTable(String domain, Iterable<MetricNameTemplate> allMetrics) {
        Map<String, Map<String, String>> beans = new TreeMap<>();
        for (MetricNameTemplate template : allMetrics) {
            Map<String, String> tags = new LinkedHashMap<>();
            template.tags().forEach(tag -> tags.put(tag, "{" + tag + "}"));
            MetricName name = new MetricName(template.name(), template.group(), template.description(), tags);
            String bean = JmxReporter.objectName(domain, name).toString();
            Map<String, String> attributes = beans.computeIfAbsent(bean, key -> new TreeMap<>());
            if (attributes.putIfAbsent(template.name(), template.description()) != null) {
                throw new IllegalArgumentException("mBean '" + bean + "' attribute '" + template.name()
                    + "' is defined twice.");
            }
        }
        StringBuilder html = new StringBuilder("<table class=\"data-table\">\n<tbody>\n<tr>\n")
            .append("<th>Metric/Attribute name</th>\n<th>Description</th>\n<th>Mbean name</th>\n</tr>\n");
        beans.forEach((bean, attributes) -> attributes.forEach((name, description) -> html.append("<tr>\n")
            .append("<td>").append(name).append("</td>\n")
            .append("<td>").append(description).append("</td>\n")
            .append("<td>").append(bean).append("</td>\n")
            .append("</tr>\n")));
        return html.append("</tbody></table>").toString();
    }

    /** Returns the config stats are measured under unless given their own. */
    public MetricConfig config() {
        return config;
    }

    /** Returns the reporters told of this registry's metrics. */
    public List<MetricsReporter> reporters() {
        return List.copyOf(reporters);
    }

    /**
     * Adds a metric whose value {@code value} computes on each read (a Runnel shorthand for a {@link Gauge}),
     * replacing one of the same name.
     */
    public void addMetric(MetricName name, Supplier<?> value) {
        Objects.requireNonNull(value, "value");
        replace(newMetric(name, null, (Gauge<?>) (metricConfig, nowMs) -> value.get()));
    }

    /** Adds a metric {@code measurable} measures under the registry's config. */
    public void addMetric(MetricName name, Measurable measurable) {
        addMetric(name, null, measurable);
    }

    /** Adds a metric {@code measurable} measures under {@code config} (the registry's if null). */
    public void addMetric(MetricName name, MetricConfig config, Measurable measurable) {
        addMetric(name, config, (MetricValueProvider<?>) measurable);
    }

    /** Adds a metric whose value {@code provider} gives under the registry's config. */
    public void addMetric(MetricName name, MetricValueProvider<?> provider) {
        addMetric(name, null, provider);
    }

    /**
     * Adds a metric whose value {@code provider} gives under {@code config} (the registry's if null).
     *
     * @throws IllegalArgumentException if there is a metric of that name already
     */
    public void addMetric(MetricName name, MetricConfig config, MetricValueProvider<?> provider) {
        register(newMetric(name, config, provider));
    }

    /**
     * Adds a metric whose value {@code provider} gives under {@code config} (the registry's if null), unless there is
     * one of that name already.
     *
     * @return the metric of that name now in the registry: the existing one or the new one
     */
    public KafkaMetric addMetricIfAbsent(MetricName name, MetricConfig config, MetricValueProvider<?> provider) {
        KafkaMetric metric = newMetric(name, config, provider);
        KafkaMetric existing = registerIfAbsent(metric);
        return existing == null ? metric : existing;
    }

    /** Adds {@code metric}, as Kafka's registry does: a second metric of a name is a mistake. */
    private void register(KafkaMetric metric) {
        if (registerIfAbsent(metric) != null) {
            throw new IllegalArgumentException("A metric named '" + metric.metricName()
                + "' already exists, can't register another one.");
        }
    }

    /** Adds {@code metric} unless there is one of its name; returns that one, or null. */
    private KafkaMetric registerIfAbsent(KafkaMetric metric) {
        KafkaMetric existing = metrics.putIfAbsent(metric.metricName(), metric);
        if (existing == null) {
            tellReporters("adding " + metric.metricName().name(), reporter -> reporter.metricChange(metric));
        }
        return existing;
    }

    private KafkaMetric newMetric(MetricName name, MetricConfig metricConfig, MetricValueProvider<?> provider) {
        return new KafkaMetric(new Object(), Objects.requireNonNull(name, "name"),
            Objects.requireNonNull(provider, "provider"), metricConfig == null ? config : metricConfig, time);
    }

    /**
     * Adds {@code metric}, made by its owner (a sensor of Kafka Streams' own registry).
     *
     * @throws IllegalArgumentException if there is a metric of that name already
     */
    public void addMetric(KafkaMetric metric) {
        register(metric);
    }

    /** Adds {@code metric}, replacing one of the same name. */
    private void replace(KafkaMetric metric) {
        metrics.put(metric.metricName(), metric);
        tellReporters("adding " + metric.metricName().name(), reporter -> reporter.metricChange(metric));
    }

    /** Adds a cumulative count, reported as a {@code Double}. */
    public void addTotal(MetricName name, LongSupplier total) {
        addMetric(name, () -> (double) total.getAsLong());
    }

    /**
     * Adds the per-second rate of a cumulative count, measured between reads at least one second apart, and over its
     * first sample windows as Kafka's {@code Rate} measures them.
     */
    public void addRate(MetricName name, LongSupplier total) {
        CounterRate rate = new CounterRate(time, total, config);
        addMetric(name, (Supplier<?>) rate::value);
    }

    /**
     * Adds Kafka's pair of metrics for a count of events, as its {@code Meter} stat does: {@code <prefix>-total} and
     * the per-second {@code <prefix>-rate}, both of {@code total}; {@code events} names the events in descriptions.
     */
    public void addMeter(String group, String prefix, String events, Map<String, String> tags, LongSupplier total) {
        addTotal(new MetricName(prefix + "-total", group, "The total number of " + events, tags), total);
        addRate(new MetricName(prefix + "-rate", group, "The average number of " + events + " per second", tags),
            total);
    }

    /** Adds the average of a measurement, {@code sum / count} (0 before the first). */
    public void addAverage(MetricName name, LongSupplier sum, LongSupplier count) {
        addMetric(name, () -> {
            long n = count.getAsLong();
            return n == 0 ? 0.0 : (double) sum.getAsLong() / n;
        });
    }

    /** Returns the sensor named {@code name}, or null if there is none. */
    public Sensor getSensor(String name) {
        return sensors.get(Objects.requireNonNull(name, "name"));
    }

    /**
     * Returns the sensor named {@code name}, creating it (at {@link RecordingLevel#INFO}) the first time; its stats
     * are published here. Recording synchronizes on the sensor.
     */
    public Sensor sensor(String name) {
        return sensor(name, RecordingLevel.INFO);
    }

    /** Returns the sensor named {@code name}, creating it at {@code recordingLevel}. */
    public Sensor sensor(String name, RecordingLevel recordingLevel) {
        return sensor(name, null, recordingLevel);
    }

    /** Returns the sensor named {@code name}, creating it with {@code parents}. */
    public Sensor sensor(String name, Sensor... parents) {
        return sensor(name, RecordingLevel.INFO, parents);
    }

    /** Returns the sensor named {@code name}, creating it at {@code recordingLevel} with {@code parents}. */
    public Sensor sensor(String name, RecordingLevel recordingLevel, Sensor... parents) {
        return sensor(name, null, recordingLevel, parents);
    }

    /** Returns the sensor named {@code name}, creating it with {@code config} (the registry's if null). */
    public Sensor sensor(String name, MetricConfig config, Sensor... parents) {
        return sensor(name, config, RecordingLevel.INFO, parents);
    }

    /** Returns the sensor named {@code name}, creating it with {@code config} at {@code recordingLevel}. */
    public Sensor sensor(String name, MetricConfig config, RecordingLevel recordingLevel, Sensor... parents) {
        return sensor(name, config, Long.MAX_VALUE, recordingLevel, parents);
    }

    /** Returns the sensor named {@code name}, creating it with {@code config}, expiring as given. */
    public Sensor sensor(String name, MetricConfig config, long inactiveSensorExpirationTimeSeconds,
        Sensor... parents) {
        return sensor(name, config, inactiveSensorExpirationTimeSeconds, RecordingLevel.INFO, parents);
    }

    /**
     * Returns the sensor named {@code name}; the first time, creates it.
     *
     * @param config the config of its stats and the recording level in force; the registry's if null
     * @param inactiveSensorExpirationTimeSeconds how long after its last recording it expires (in a registry with
     *     expiration, it is then removed)
     * @param parents sensors that record all it records; removing one removes this one too
     */
    public synchronized Sensor sensor(String name, MetricConfig config, long inactiveSensorExpirationTimeSeconds,
        RecordingLevel recordingLevel, Sensor... parents) {
        Sensor sensor = getSensor(name);
        if (sensor == null) {
            sensor = new Sensor(name, recordingLevel, config == null ? this.config : config,
                inactiveSensorExpirationTimeSeconds, time, this::register, parents);
            sensors.put(name, sensor);
            for (Sensor parent : parents) {
                childrenSensors.computeIfAbsent(parent, key -> new ArrayList<>()).add(sensor);
            }
            LOG.trace("Added sensor with name {}", name);
        }
        return sensor;
    }

    /** Removes the sensor named {@code name}, its metrics and its children sensors; nothing if there is none. */
    public synchronized void removeSensor(String name) {
        Sensor sensor = sensors.remove(name);
        if (sensor == null) {
            return;
        }
        sensor.metricNames().forEach(this::removeMetric);
        childrenSensors.values().forEach(siblings -> siblings.remove(sensor));
        List<Sensor> children = childrenSensors.remove(sensor);
        if (children != null) {
            children.forEach(child -> removeSensor(child.name()));
        }
        LOG.trace("Removed sensor with name {}", name);
    }

    /** Removes the metric named {@code name}; returns it, or null if there was none. */
    public KafkaMetric removeMetric(MetricName name) {
        KafkaMetric removed = metrics.remove(name);
        if (removed != null) {
            tellReporters("removing " + name.name(), reporter -> reporter.metricRemoval(removed));
        }
        return removed;
    }

    /** Removes every metric whose name {@code isRemoved} accepts. */
    public void removeMetrics(Predicate<MetricName> isRemoved) {
        for (MetricName name : metrics.keySet()) {
            if (isRemoved.test(name)) {
                removeMetric(name);
            }
        }
    }

    /** Returns the metric named {@code name}, or null. */
    public KafkaMetric metric(MetricName name) {
        return metrics.get(name);
    }

    /** Returns a snapshot of the metrics. */
    public Map<MetricName, KafkaMetric> metrics() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Removes every metric, unregisters the JMX beans and closes the reporters. */
    @Override
    public void close() {
        if (sensorExpiry != null) {
            sensorExpiry.shutdownNow();
        }
        tellReporters("closing", MetricsReporter::close);
        metrics.clear();
        sensors.clear();
        childrenSensors.clear();
    }
}
