package dev.runnel.streams.internal.metrics;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.StreamsMetrics;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one {@code KafkaStreams} instance, named as Kafka Streams names them (group {@code
 * stream-thread-metrics} with tag {@code thread-id}, {@code stream-task-metrics} with {@code thread-id} and {@code
 * task-id}, {@code stream-state-metrics} with {@code thread-id}, {@code task-id} and {@code in-memory-state-id}), and
 * registered in JMX as {@code kafka.streams:type=<group>,<tag>=<value>,...}.
 *
 * <p>Every built-in metric reads a counter its owner keeps (a plain field of a stream thread, task or store), so
 * recording costs the owner one increment and nothing here is on the processing path. Counters written by a stream
 * thread are read without synchronization from other threads, so a value may lag by a few records. Processors' own
 * metrics come from sensors they add through {@link #streamsMetrics()}. Thread-safe.
 */
public final class StreamsMetricsRegistry implements AutoCloseable {
    /** JMX domain, as Kafka Streams uses. */
    public static final String JMX_DOMAIN = "kafka.streams";
    private static final Logger LOG = LoggerFactory.getLogger(StreamsMetricsRegistry.class);

    private final Time time;
    private final boolean jmx;
    private final StreamsMetricsImpl streamsMetrics;
    private final Map<MetricName, Metric> metrics = new ConcurrentHashMap<>();
    private final Map<ObjectName, MetricsMBean> beans = new ConcurrentHashMap<>();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /**
     * Creates an empty registry; rates are measured with {@code time}.
     *
     * @param recordingLevel the {@code metrics.recording.level}, which sensors finer than it do not record at
     * @param jmx whether metrics are also registered in the platform MBean server (not for the test driver)
     */
    public StreamsMetricsRegistry(Time time, RecordingLevel recordingLevel, boolean jmx) {
        this.time = time;
        this.jmx = jmx;
        this.streamsMetrics = new StreamsMetricsImpl(this, time, recordingLevel);
    }

    /** Returns what processors and stores see as {@code context.metrics()}. */
    public StreamsMetrics streamsMetrics() {
        return streamsMetrics;
    }

    /** Adds a cumulative count, reported as a {@code Double}. */
    public void addTotal(String group, String name, String description, Map<String, String> tags,
        LongSupplier total) {
        add(new MetricName(name, group, description, tags), () -> (double) total.getAsLong());
    }

    /** Adds a per-second rate of {@code total}, measured between reads at least one second apart. */
    public void addRate(String group, String name, String description, Map<String, String> tags,
        LongSupplier total) {
        Rate rate = new Rate(time, total);
        add(new MetricName(name, group, description, tags), rate::value);
    }

    /** Adds the average of a measurement, {@code sum / count} (0 before the first). */
    public void addAverage(String group, String name, String description, Map<String, String> tags,
        LongSupplier sum, LongSupplier count) {
        add(new MetricName(name, group, description, tags), () -> {
            long n = count.getAsLong();
            return n == 0 ? 0.0 : (double) sum.getAsLong() / n;
        });
    }

    /** Adds a metric whose value is computed on read. */
    public void addGauge(String group, String name, String description, Map<String, String> tags,
        Supplier<Object> value) {
        add(new MetricName(name, group, description, tags), value);
    }

    private void add(MetricName name, Supplier<Object> value) {
        add(new StreamsMetric(name, value));
    }

    /** Adds {@code metric}, replacing one of the same name. */
    void add(Metric metric) {
        MetricName name = metric.metricName();
        metrics.put(name, metric);
        if (jmx) {
            beans.computeIfAbsent(objectName(name), this::register).put(name.name(), metric);
        }
    }

    /** Removes the metric named {@code name}, if present. */
    void remove(MetricName name) {
        if (metrics.remove(name) == null || !jmx) {
            return;
        }
        ObjectName objectName = objectName(name);
        MetricsMBean bean = beans.get(objectName);
        if (bean != null && bean.remove(name.name())) {
            beans.remove(objectName);
            unregister(objectName);
        }
    }

    private MetricsMBean register(ObjectName objectName) {
        MetricsMBean bean = new MetricsMBean();
        try {
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(bean, objectName);
        } catch (JMException e) {
            LOG.warn("Could not register metrics MBean {}: {}", objectName, e.toString());
        }
        return bean;
    }

    /** Removes every metric whose tags include all of {@code tags} (for example a closed task's). */
    public void removeAll(Map<String, String> tags) {
        metrics.keySet().removeIf(name -> name.tags().entrySet().containsAll(tags.entrySet()));
        streamsMetrics.forgetSensors(name -> !metrics.containsKey(name));
        beans.entrySet().removeIf(entry -> {
            boolean matches = true;
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                matches &= tag.getValue().equals(entry.getKey().getKeyProperty(tag.getKey()));
            }
            if (matches) {
                unregister(entry.getKey());
            }
            return matches;
        });
    }

    private void unregister(ObjectName objectName) {
        try {
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
        } catch (JMException e) {
            LOG.warn("Could not unregister metrics MBean {}: {}", objectName, e.toString());
        }
    }

    /** Returns a snapshot of the metrics. */
    public Map<MetricName, Metric> metrics() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * Returns the JMX name of a metric's group and tags, e.g. {@code kafka.streams:type=stream-thread-metrics,...}: the
     * built-in tags in Kafka's order, then any others (a custom metric's) by name.
     */
    public static ObjectName objectName(MetricName name) {
        StringBuilder text = new StringBuilder(JMX_DOMAIN).append(":type=").append(name.group());
        Map<String, String> others = new TreeMap<>(name.tags());
        for (String tag : new String[] {"client-id", "thread-id", "task-id", "in-memory-state-id"}) {
            String value = others.remove(tag);
            if (value != null) {
                appendTag(text, tag, value);
            }
        }
        others.forEach((tag, value) -> appendTag(text, tag, value));
        try {
            return new ObjectName(text.toString());
        } catch (JMException e) {
            throw new IllegalArgumentException("Invalid metric name " + name + ": " + e.getMessage(), e);
        }
    }

    private static void appendTag(StringBuilder text, String tag, String value) {
        boolean plain = value.matches("[^,=:\"*?\\n]*");
        text.append(',').append(tag).append('=').append(plain ? value : ObjectName.quote(value));
    }

    @Override
    public void close() {
        for (ObjectName name : beans.keySet()) {
            unregister(name);
        }
        beans.clear();
        metrics.clear();
    }

    /** A metric whose value is computed on read. */
    private record StreamsMetric(MetricName metricName, Supplier<Object> value) implements Metric {
        @Override
        public Object metricValue() {
            return value.get();
        }
    }

    /** A rate over the interval between two samples at least a second apart; the first covers the time since start. */
    private static final class Rate {
        private static final long MIN_SAMPLE_MS = 1_000L;
        private final Time time;
        private final LongSupplier total;
        private long sampleTimeMs;
        private long sampleTotal;
        private double rate;

        Rate(Time time, LongSupplier total) {
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
            } else if (rate == 0.0 && elapsed > 0) {
                return (current - sampleTotal) * 1000.0 / elapsed;
            }
            return rate;
        }
    }
}
