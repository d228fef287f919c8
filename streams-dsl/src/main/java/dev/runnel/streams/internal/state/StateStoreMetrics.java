package dev.runnel.streams.internal.state;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.Max;
import dev.runnel.common.metrics.stats.Min;
import dev.runnel.common.metrics.stats.Rate;
import dev.runnel.common.metrics.stats.WindowedCount;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.internal.metrics.InternalStreamsMetrics;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Kafka Streams' {@code stream-state-metrics} of one store, tagged {@code thread-id}, {@code task-id} and {@code
 * <metricsScope>-state-id}, which the store's metered layer adds at init: for each operation {@code <op>-rate},
 * {@code <op>-latency-avg} and {@code <op>-latency-max} (latencies in nanoseconds, level DEBUG), and {@code
 * record-e2e-latency-avg/min/max} (milliseconds from a written record's timestamp to the wall clock, level TRACE).
 *
 * <p>As in Kafka Streams the metrics exist at every {@code metrics.recording.level} but record only at theirs; below
 * it an operation costs a test of a final flag, with no clock read. Not thread-safe; created by the task's thread.
 */
final class StateStoreMetrics {
    static final String GROUP = "stream-state-metrics";
    /** Latencies are measured by the system clock, as Kafka Streams' stores do (also under the test driver). */
    private static final Time CLOCK = Time.SYSTEM;

    private final StreamsMetrics metrics;
    private final Map<String, String> tags;
    private final String sensorPrefix;

    private StateStoreMetrics(StreamsMetrics metrics, Map<String, String> tags, String sensorPrefix) {
        this.metrics = metrics;
        this.tags = tags;
        this.sensorPrefix = sensorPrefix;
    }

    /** Returns the metrics of store {@code storeName} of the context's task, on the calling (the task's) thread. */
    static StateStoreMetrics of(StateStoreContext context, String metricsScope, String storeName) {
        String threadId = Thread.currentThread().getName();
        String taskId = context.taskId().toString();
        Map<String, String> tags = Map.of("thread-id", threadId, "task-id", taskId,
            metricsScope + "-state-id", storeName);
        return new StateStoreMetrics(context.metrics(), tags,
            String.join(".", threadId, "task", taskId, "store", metricsScope, storeName) + ".");
    }

    /** Adds the {@code <name>-rate} and {@code <name>-latency-avg/max} of an operation (DEBUG). */
    Operation operation(String name) {
        Sensor sensor = metrics.addSensor(sensorPrefix + name, RecordingLevel.DEBUG);
        sensor.add(metricName(name + "-rate", "Calls per second of " + name), new Rate(new WindowedCount()));
        sensor.add(metricName(name + "-latency-avg", "Average latency (ns) of " + name), new Avg());
        sensor.add(metricName(name + "-latency-max", "Maximum latency (ns) of " + name), new Max());
        return new Operation(sensor);
    }

    /**
     * Adds {@code iterator-duration-avg/max} (DEBUG): how long, in nanoseconds, iterators stayed open, which a
     * {@link MeasuredKeyValueIterator} records at close; and {@code num-open-iterators} and {@code
     * oldest-iterator-open-since-ms} (KIP-989), null while no iterator is open.
     */
    StoreIterators iterators() {
        Sensor sensor = metrics.addSensor(sensorPrefix + "iterator-duration", RecordingLevel.DEBUG);
        sensor.add(metricName("iterator-duration-avg", "Average time an iterator of the store was open, in ns"),
            new Avg());
        sensor.add(metricName("iterator-duration-max", "Longest time an iterator of the store was open, in ns"),
            new Max());
        StoreIterators iterators = new StoreIterators(new Operation(sensor), true);
        if (metrics instanceof InternalStreamsMetrics internal) {
            internal.addGauge(metricName("num-open-iterators", "Iterators of the store opened and not yet closed"),
                iterators::open);
            internal.addGauge(metricName("oldest-iterator-open-since-ms", "When the oldest open iterator of the store"
                + " was opened, in ms since the epoch"), iterators::oldestOpenSince);
        }
        return iterators;
    }

    /** Adds {@code record-e2e-latency-avg/min/max} (TRACE), recorded as records are written to the store. */
    EndToEndLatency endToEndLatency() {
        Sensor sensor = metrics.addSensor(sensorPrefix + "record-e2e-latency", RecordingLevel.TRACE);
        String what = " time (ms) from a record's timestamp to its write to the store";
        sensor.add(metricName("record-e2e-latency-avg", "Average" + what), new Avg());
        sensor.add(metricName("record-e2e-latency-min", "Shortest" + what), new Min());
        sensor.add(metricName("record-e2e-latency-max", "Longest" + what), new Max());
        return new EndToEndLatency(sensor);
    }

    /** Adds {@code num-keys} (INFO), the entries the store holds ({@code entries}, on each read). */
    void numKeys(LongSupplier entries) {
        if (metrics instanceof InternalStreamsMetrics internal) {
            internal.addGauge(metricName("num-keys", "Entries in the in-memory store"), entries::getAsLong);
        }
    }

    private MetricName metricName(String name, String description) {
        return new MetricName(name, GROUP, description, tags);
    }

    /** One operation's rate and latencies: {@code record(start())} around each call. */
    static final class Operation {
        /** Records nothing: for a store not yet initialized. */
        static final Operation OFF = new Operation(null);

        private final Sensor sensor;
        private final boolean recording;

        private Operation(Sensor sensor) {
            this.sensor = sensor;
            this.recording = sensor != null && sensor.shouldRecord();
        }

        /** Returns the time the call starts, for {@link #record}; 0, without reading the clock, if not recording. */
        long start() {
            return recording ? CLOCK.nanoseconds() : 0L;
        }

        /** Records a call that started at {@code startNanos} (from {@link #start}). */
        void record(long startNanos) {
            if (recording) {
                sensor.record(CLOCK.nanoseconds() - startNanos);
            }
        }

        /**
         * Returns {@code iterator}, made by a call that started at {@code startNanos}, counted among the store's open
         * iterators and measured until it is closed, as Kafka Streams measures a range, scan or fetch.
         */
        <K, V> KeyValueIterator<K, V> untilClosed(KeyValueIterator<K, V> iterator, long startNanos,
            StoreIterators iterators) {
            return recording || iterators.tracking()
                ? new MeasuredKeyValueIterator<>(iterator, startNanos, this, iterators) : iterator;
        }

        /** Returns the clock's time in nanoseconds. */
        static long now() {
            return CLOCK.nanoseconds();
        }
    }

    /** The store's end-to-end latency. */
    static final class EndToEndLatency {
        /** Records nothing: for a store not yet initialized. */
        static final EndToEndLatency OFF = new EndToEndLatency(null);

        private final Sensor sensor;
        private final boolean recording;

        private EndToEndLatency(Sensor sensor) {
            this.sensor = sensor;
            this.recording = sensor != null && sensor.shouldRecord();
        }

        /** Records the write of a record of {@code context}'s current timestamp, if the context knows it. */
        void recordWrite(StateStoreContext context) {
            if (recording && context instanceof InternalStateStoreContext internal) {
                long now = CLOCK.milliseconds();
                sensor.record(now - internal.recordTimestamp(), now);
            }
        }
    }
}
