package dev.runnel.common.metrics;

import dev.runnel.common.MetricName;
import dev.runnel.common.utils.Time;
import dev.runnel.common.metrics.stats.TokenBucket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A named handle for recording measurements, as in Kafka: {@link #record(double)} updates every stat added to the
 * sensor, then the sensor's parents. A sensor whose {@link RecordingLevel} is finer than the configured one (a
 * {@code DEBUG} sensor under {@code metrics.recording.level=INFO}) keeps its metrics but records nothing.
 *
 * <p>Applications get sensors from {@code StreamsMetrics} or {@link Metrics#sensor}; the constructors are for the
 * registries. Recording also checks the quotas of the sensor's metrics ({@link #checkQuotas()}). Thread-safe:
 * recording and reading a stat synchronize on the sensor.
 */
public final class Sensor {
    /** How fine-grained a sensor is; a sensor records when its level is at most the configured one. */
    public enum RecordingLevel {
        INFO, DEBUG, TRACE;

        /** The largest {@link #id}. */
        public static final int MAX_RECORDING_LEVEL_KEY = 2;

        /** The level's name, as Kafka's field. */
        public final String name = name();
        /** The level's number, as Kafka numbers them: 0, 1 and 2 from {@code INFO} to {@code TRACE}. */
        public final short id = (short) ordinal();

        /**
         * Returns the level numbered {@code id}.
         *
         * @throws IllegalArgumentException if there is no such level
         */
        public static RecordingLevel forId(int id) {
            if (id < 0 || id > MAX_RECORDING_LEVEL_KEY) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Unexpected RecordLevel id `%d`, it should be between `%d` and `%d` (inclusive)", id, 0,
                    MAX_RECORDING_LEVEL_KEY));
            }
            return values()[id];
        }

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

        /**
         * Returns whether a sensor at this level records when the level numbered {@code configId} is configured.
         *
         * @throws IllegalStateException if there is no such level
         */
        public boolean shouldRecord(int configId) {
            if (configId < 0 || configId > MAX_RECORDING_LEVEL_KEY) {
                throw new IllegalStateException("Did not recognize recording level " + configId);
            }
            return id <= configId;
        }
    }

    private final String name;
    private final RecordingLevel recordingLevel;
    private final boolean shouldRecord;
    private final MetricConfig config;
    private final long inactiveSensorExpirationTimeMs;
    private final Time time;
    private final Consumer<KafkaMetric> registrar;
    private final Sensor[] parents;
    private final List<StatAndConfig> stats = new ArrayList<>();
    private final Map<MetricName, KafkaMetric> metrics = new LinkedHashMap<>();
    // The metrics again, as a list: checking quotas walks it on every recording without making an iterator.
    private final List<KafkaMetric> metricList = new ArrayList<>();
    private volatile long lastRecordTimeMs;

    /**
     * Creates a sensor without stats, recording at Kafka's default windows (two samples of 30 seconds), that never
     * expires.
     *
     * @param configuredLevel the {@code metrics.recording.level} in force
     * @param registrar publishes each metric {@link #add} creates
     * @param parents sensors that record every value this one records
     */
    public Sensor(String name, RecordingLevel recordingLevel, RecordingLevel configuredLevel, Time time,
        Consumer<KafkaMetric> registrar, Sensor... parents) {
        this(name, recordingLevel, new MetricConfig().recordLevel(configuredLevel), Long.MAX_VALUE, time, registrar,
            parents);
    }

    /**
     * Creates a sensor without stats.
     *
     * @param config the config of the stats added without one, and the recording level in force
     * @param inactiveSensorExpirationTimeSeconds how long after its last recording the sensor {@link #hasExpired()}
     * @param registrar publishes each metric {@link #add} creates
     * @param parents sensors that record every value this one records
     * @throws IllegalArgumentException if the sensor would be its own ancestor
     */
    public Sensor(String name, RecordingLevel recordingLevel, MetricConfig config,
        long inactiveSensorExpirationTimeSeconds, Time time, Consumer<KafkaMetric> registrar, Sensor... parents) {
        this.name = Objects.requireNonNull(name, "name");
        this.recordingLevel = Objects.requireNonNull(recordingLevel, "recordingLevel");
        this.config = Objects.requireNonNull(config, "config");
        this.shouldRecord = recordingLevel.shouldRecord(config.recordLevel());
        this.inactiveSensorExpirationTimeMs = TimeUnit.SECONDS.toMillis(inactiveSensorExpirationTimeSeconds);
        this.time = Objects.requireNonNull(time, "time");
        this.registrar = Objects.requireNonNull(registrar, "registrar");
        this.parents = parents.clone();
        this.lastRecordTimeMs = time.milliseconds();
        checkForest(new HashSet<>());
    }

    private void checkForest(Set<Sensor> ancestors) {
        if (!ancestors.add(this)) {
            throw new IllegalArgumentException("Circular dependency in sensors: " + name + " is its own parent.");
        }
        for (Sensor parent : parents) {
            parent.checkForest(ancestors);
        }
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
            record(value, time.milliseconds(), true);
        }
    }

    /** Records {@code value} at {@code timeMs}, then records it in the parents; checks quotas as it goes. */
    public void record(double value, long timeMs) {
        record(value, timeMs, true);
    }

    /**
     * Records {@code value} at {@code timeMs} into every stat, then into the parents.
     *
     * @param checkQuotas whether to check the quotas of this sensor's and its parents' metrics after recording
     * @throws QuotaViolationException if {@code checkQuotas} and a metric is outside its quota (the value is recorded)
     */
    public void record(double value, long timeMs, boolean checkQuotas) {
        if (!shouldRecord) {
            return;
        }
        if (inactiveSensorExpirationTimeMs != Long.MAX_VALUE) {
            // Only a sensor that can expire pays for the volatile write; the others never read it.
            lastRecordTimeMs = timeMs;
        }
        synchronized (this) {
            for (int i = 0; i < stats.size(); i++) {
                stats.get(i).record(value, timeMs);
            }
            if (checkQuotas) {
                checkQuotas(timeMs);
            }
        }
        // Outside this sensor's lock, so that recording never holds two sensors' locks at once.
        for (Sensor parent : parents) {
            parent.record(value, timeMs, checkQuotas);
        }
    }

    /** Checks the quotas of this sensor's metrics now; see {@link #checkQuotas(long)}. */
    public void checkQuotas() {
        checkQuotas(time.milliseconds());
    }

    /**
     * Checks every metric of this sensor that has a quota against its value at {@code timeMs}; a {@code
     * TokenBucket} violates its quota once it has fewer than 0 tokens left.
     *
     * @throws QuotaViolationException for the first metric outside its quota
     */
    public synchronized void checkQuotas(long timeMs) {
        for (int i = 0; i < metricList.size(); i++) {
            KafkaMetric metric = metricList.get(i);
            MetricConfig metricConfig = metric.config();
            Quota quota = metricConfig == null ? null : metricConfig.quota();
            if (quota != null) {
                double value = metric.measurableValue(timeMs);
                boolean violated = metric.measurable() instanceof TokenBucket ? value < 0 : !quota.acceptable(value);
                if (violated) {
                    throw new QuotaViolationException(metric, value, quota.bound());
                }
            }
        }
    }

    /** Adds {@code stat}, publishing each of its metrics under the sensor's config; see the other overload. */
    public boolean add(CompoundStat stat) {
        return add(stat, null);
    }

    /**
     * Adds {@code stat}, publishing each of its metrics unless the sensor has one of that name already.
     *
     * @param config the config of its metrics, or null for the sensor's
     * @return false if the sensor has expired (nothing is added), true otherwise
     */
    public synchronized boolean add(CompoundStat stat, MetricConfig config) {
        if (hasExpired()) {
            return false;
        }
        MetricConfig statConfig = config == null ? this.config : config;
        stats.add(new StatAndConfig(Objects.requireNonNull(stat, "stat"), null, statConfig));
        for (CompoundStat.NamedMeasurable measurable : stat.stats()) {
            if (!metrics.containsKey(measurable.name())) {
                register(new KafkaMetric(this, measurable.name(), measurable.stat(), statConfig, time));
            }
        }
        return true;
    }

    /** Adds {@code stat}, published as metric {@code name} under the sensor's config; see the other overload. */
    public boolean add(MetricName name, MeasurableStat stat) {
        return add(name, stat, null);
    }

    /**
     * Adds {@code stat}, published as metric {@code name}. Adding a name the sensor already has changes nothing, as
     * in Kafka, so a processor re-initialized after a rebalance can add its stats again.
     *
     * @param config the metric's config, or null for the sensor's
     * @return false if the sensor has expired (nothing is added), true otherwise
     */
    public synchronized boolean add(MetricName name, MeasurableStat stat, MetricConfig config) {
        if (hasExpired()) {
            return false;
        }
        if (metrics.containsKey(Objects.requireNonNull(name, "name"))) {
            return true;
        }
        KafkaMetric metric = new KafkaMetric(this, name, Objects.requireNonNull(stat, "stat"),
            config == null ? this.config : config, time);
        register(metric);
        stats.add(new StatAndConfig(stat, metric, null));
        return true;
    }

    private void register(KafkaMetric metric) {
        registrar.accept(metric);
        metrics.put(metric.metricName(), metric);
        metricList.add(metric);
    }

    /** Returns whether any stat has been added. */
    public synchronized boolean hasMetrics() {
        return !metrics.isEmpty();
    }

    /** Returns whether the sensor has recorded nothing for longer than its inactive-sensor expiration time. */
    public boolean hasExpired() {
        return time.milliseconds() - lastRecordTimeMs > inactiveSensorExpirationTimeMs;
    }

    /** Returns the names of the sensor's metrics. */
    public synchronized List<MetricName> metricNames() {
        return List.copyOf(metrics.keySet());
    }

    @Override
    public String toString() {
        return "Sensor(" + name + ", " + recordingLevel + ")";
    }

    /**
     * A stat with the config it records under: a simple stat's is its metric's (which {@link KafkaMetric#config}
     * may replace), a compound stat's the one it was added with.
     */
    private record StatAndConfig(Stat stat, KafkaMetric metric, MetricConfig fixedConfig) {
        void record(double value, long timeMs) {
            stat.record(metric == null ? fixedConfig : metric.config(), value, timeMs);
        }
    }
}
