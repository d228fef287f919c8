package dev.runnel.common.metrics;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.utils.Time;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Besides Kafka's sensors, it offers metrics computed on read from counters their owner keeps ({@link #addTotal},
 * {@link #addRate}, {@link #addAverage}): the owner pays one increment per event, or per batch, and nothing here runs
 * on its path. Unlike Kafka's, adding a metric under a name already present replaces it. Thread-safe.
 */
public final class Metrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
    private final Time time;
    private final List<MetricsReporter> reporters;
    private final Map<MetricName, KafkaMetric> metrics = new ConcurrentHashMap<>();
    private final Map<String, Sensor> sensors = new ConcurrentHashMap<>();

    /** Creates a registry that is not published in JMX; rates are measured with {@code time}. */
    public Metrics(Time time) {
        this(time, null, List.of());
    }

    /** Creates a registry whose metrics are also published in JMX under the domain {@code jmxPrefix}. */
    public Metrics(Time time, String jmxPrefix) {
        this(time, jmxPrefix, List.of());
    }

    /**
     * Creates a registry published in JMX under {@code jmxPrefix} (unless null) and told to {@code reporters}, already
     * configured, which it gives the context {@code jmxPrefix} names and closes with itself. A {@link JmxReporter}
     * among them is closed at once when the registry publishes in JMX itself: it would publish everything twice.
     */
    public Metrics(Time time, String jmxPrefix, List<MetricsReporter> reporters) {
        this.time = Objects.requireNonNull(time, "time");
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
        this.reporters = List.copyOf(all);
        MetricsContext context = new KafkaMetricsContext(jmxPrefix == null ? "" : jmxPrefix);
        tellReporters("initializing", reporter -> {
            reporter.contextChange(context);
            reporter.init(List.of());
        });
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

    /** Returns a metric name, as Kafka's {@code metricName(name, group, description, tags)}. */
    public MetricName metricName(String name, String group, String description, Map<String, String> tags) {
        return new MetricName(name, group, description, tags);
    }

    /** Adds a metric whose value {@code value} computes on each read. */
    public void addMetric(MetricName name, Supplier<?> value) {
        addMetric(new KafkaMetric(name, value));
    }

    /** Adds {@code metric}, replacing one of the same name. */
    public void addMetric(KafkaMetric metric) {
        metrics.put(metric.metricName(), metric);
        tellReporters("adding " + metric.metricName().name(), reporter -> reporter.metricChange(metric));
    }

    /** Adds a cumulative count, reported as a {@code Double}. */
    public void addTotal(MetricName name, LongSupplier total) {
        addMetric(name, () -> (double) total.getAsLong());
    }

    /** Adds the per-second rate of a cumulative count, measured between reads at least one second apart. */
    public void addRate(MetricName name, LongSupplier total) {
        CounterRate rate = new CounterRate(time, total);
        addMetric(name, rate::value);
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

    /**
     * Returns the sensor named {@code name}, creating it (at {@link RecordingLevel#INFO}) the first time; its stats
     * are published here. Recording synchronizes on the sensor, so record per batch or per request, not per record.
     */
    public Sensor sensor(String name) {
        return sensors.computeIfAbsent(name,
            key -> new Sensor(key, RecordingLevel.INFO, RecordingLevel.INFO, time, this::addMetric));
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
        tellReporters("closing", MetricsReporter::close);
        metrics.clear();
        sensors.clear();
    }

    /** A rate over the interval between two reads at least a second apart; the first covers the time since start. */
    private static final class CounterRate {
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
}
