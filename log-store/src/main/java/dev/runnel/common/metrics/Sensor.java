package dev.runnel.common.metrics;

import dev.runnel.common.MetricName;
import dev.runnel.common.utils.Time;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A named handle for recording measurements, as in Kafka: {@link #record(double)} updates every stat added to the
 * sensor, then the sensor's parents. A sensor whose {@link RecordingLevel} is finer than the configured one (a
 * {@code DEBUG} sensor under {@code metrics.recording.level=INFO}) keeps its metrics but records nothing.
 *
 * <p>Applications get sensors from {@code StreamsMetrics}; the constructor is for the metrics registry. Thread-safe:
 * recording and reading a stat synchronize on the sensor.
 */
public final class Sensor {
    /** How fine-grained a sensor is; a sensor records when its level is at most the configured one. */
    public enum RecordingLevel {
        INFO, DEBUG, TRACE;

        /**
         * Returns the level named {@code name}, ignoring case.
         *
         * @throws IllegalArgumentException if there is no such level
         */
        public static RecordingLevel forName(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown recording level " + name + "; expected one of "
                    + List.of(values()), e);
            }
        }

        /** Returns whether a sensor at this level records when {@code configured} is the configured level. */
        public boolean shouldRecord(RecordingLevel configured) {
            return ordinal() <= configured.ordinal();
        }
    }

    private final String name;
    private final RecordingLevel recordingLevel;
    private final boolean shouldRecord;
    private final Time time;
    private final Consumer<KafkaMetric> registrar;
    private final List<Sensor> parents;
    private final Map<MetricName, MeasurableStat> stats = new LinkedHashMap<>();

    /**
     * Creates a sensor without stats.
     *
     * @param configuredLevel the {@code metrics.recording.level} in force
     * @param registrar publishes each metric {@link #add} creates
     * @param parents sensors that record every value this one records
     */
    public Sensor(String name, RecordingLevel recordingLevel, RecordingLevel configuredLevel, Time time,
        Consumer<KafkaMetric> registrar, Sensor... parents) {
        this.name = Objects.requireNonNull(name, "name");
        this.recordingLevel = Objects.requireNonNull(recordingLevel, "recordingLevel");
        this.shouldRecord = recordingLevel.shouldRecord(configuredLevel);
        this.time = Objects.requireNonNull(time, "time");
        this.registrar = Objects.requireNonNull(registrar, "registrar");
        this.parents = List.of(parents);
    }

    /** Returns the sensor's name, unique within its registry. */
    public String name() {
        return name;
    }

    /** Returns the sensor's recording level. */
    public RecordingLevel recordingLevel() {
        return recordingLevel;
    }

    /** Returns whether the sensor records under the configured recording level. */
    public boolean shouldRecord() {
        return shouldRecord;
    }

    /** Records an occurrence, the value 1.0 (for sensors that count events). */
    public void record() {
        record(1.0);
    }

    /** Records {@code value} at the current time. */
    public void record(double value) {
        if (shouldRecord) {
            record(value, time.milliseconds());
        }
    }

    /** Records {@code value} at {@code timeMs}, then records it in the parents. */
    public void record(double value, long timeMs) {
        if (!shouldRecord) {
            return;
        }
        synchronized (this) {
            for (MeasurableStat stat : stats.values()) {
                stat.record(value, timeMs);
            }
        }
        // Outside this sensor's lock, so that recording never holds two sensors' locks at once.
        for (Sensor parent : parents) {
            parent.record(value, timeMs);
        }
    }

    /**
     * Adds {@code stat}, published as metric {@code name}. Adding a name the sensor already has changes nothing, so
     * a processor re-initialized after a rebalance can add its stats again.
     *
     * @return whether the metric was added
     */
    public synchronized boolean add(MetricName name, MeasurableStat stat) {
        Objects.requireNonNull(stat, "stat");
        if (stats.containsKey(Objects.requireNonNull(name, "name"))) {
            return false;
        }
        stats.put(name, stat);
        registrar.accept(new KafkaMetric(name, () -> measure(stat)));
        return true;
    }

    /** Returns whether any stat has been added. */
    public synchronized boolean hasMetrics() {
        return !stats.isEmpty();
    }

    /** Returns the names of the sensor's metrics. */
    public synchronized List<MetricName> metricNames() {
        return List.copyOf(stats.keySet());
    }

    private synchronized double measure(MeasurableStat stat) {
        return stat.measure(time.milliseconds());
    }

    @Override
    public String toString() {
        return "Sensor(" + name + ", " + recordingLevel + ")";
    }
}
