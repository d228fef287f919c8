package dev.runnel.streams.internal.dsl;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.CumulativeSum;
import dev.runnel.common.metrics.stats.Max;
import dev.runnel.common.metrics.stats.Rate;
import dev.runnel.common.metrics.stats.WindowedSum;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.internal.runtime.ProcessorContextImpl;
import dev.runnel.streams.internal.state.ExpiryHold;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.Map;

/**
 * How a windowed aggregation with {@code emitStrategy(onWindowClose)} emits, as Kafka Streams' does: with each record,
 * if the close time has passed windows not emitted yet, it reads them from the store in one range of window times and
 * forwards each final aggregate (without an old value) in the context and with the headers of that record. It then
 * remembers the close time it emitted up to in the task's processor metadata, committed with the input offsets, so that
 * a restarted task neither emits those windows again nor skips any. Until it has read them, the store keeps the
 * windows, even expired ones ({@link ExpiryHold}). Reading a range costs a scan of the store, so it happens at most
 * once per {@code __emit.interval.ms.kstreams.windowed.aggregation__} of wall-clock time (default 1 s; the test
 * driver sets 0). Not thread-safe; owned by its processor.
 */
final class ClosedWindowEmitter<K, VAgg> {
    private static final long DEFAULT_EMIT_INTERVAL_MS = 1000L;
    private static final long NONE = -1L;

    /** The windows of one kind of aggregation that a close time closes, and where to read them. */
    interface ClosedWindows<K, VAgg> {
        /** Returns the first window time to read after an emission up to {@code lastCloseTime} ({@code -1}: none). */
        long from(long lastCloseTime);

        /** Returns the last window time that {@code closeTime} closes. */
        long to(long closeTime);

        /** Returns whether range {@code [from, to]} may hold windows not emitted yet. */
        default boolean mayHoldNew(long from, long to, long lastCloseTime) {
            return true;
        }

        /** Returns the stored windows in the range, each aggregate with the timestamp its result carries. */
        KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> read(long from, long to);
    }

    private final String storeName;
    private final ClosedWindows<K, VAgg> windows;
    private ExpiryHold expiryHold;
    private ProcessorContext<Windowed<K>, Change<VAgg>> context;
    private ProcessorContextImpl runtime;
    private long emitIntervalMs;
    private long nextEmitMs;
    private long lastCloseTime = NONE;
    private Sensor emitted;
    private Sensor emitLatency;

    /** Emits the {@code windows} of the aggregation into store {@code storeName}, which keys its metadata. */
    ClosedWindowEmitter(String storeName, ClosedWindows<K, VAgg> windows) {
        this.storeName = storeName;
        this.windows = windows;
    }

    /**
     * Reads the close time emitted up to before a restart and the emit interval, and has the store keep the windows
     * not emitted yet; from the processor's init.
     */
    void init(ProcessorContext<Windowed<K>, Change<VAgg>> context, StateStore store) {
        this.context = context;
        this.expiryHold = ExpiryHold.of(store);
        if ((ProcessorContext<?, ?>) context instanceof ProcessorContextImpl impl) {
            this.runtime = impl;
            Long committed = impl.processorMetadataForKey(storeName);
            lastCloseTime = committed != null ? committed : NONE;
        }
        emitIntervalMs = StreamsConfig.InternalConfig.getLong(context.appConfigs(),
            StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, DEFAULT_EMIT_INTERVAL_MS);
        expiryHold.holdExpiryFrom(windows.from(lastCloseTime));
        addMetrics(context);
    }

    /**
     * Emits the windows {@code closeTime} closed since the last emission, as {@code record} is processed (see
     * WindowedAggregateProcessor#emitClosedWindows); does nothing within the emit interval of the last try, or if the
     * close time has not moved.
     */
    void maybeEmit(Record<?, ?> record, long closeTime) {
        long now = context.currentSystemTimeMs();
        if (now < nextEmitMs) {
            return;
        }
        // From now, not from the last due time: after a long pause the next try is an interval away, not due at once.
        nextEmitMs = now + emitIntervalMs;
        if (lastCloseTime != NONE && lastCloseTime >= closeTime) {
            return;
        }
        long to = windows.to(closeTime);
        if (to < 0) {
            return;
        }
        long from = windows.from(lastCloseTime);
        if (windows.mayHoldNew(from, to, lastCloseTime)) {
            emit(record, closeTime, from, to);
        }
    }

    private void emit(Record<?, ?> record, long closeTime, long from, long to) {
        long startMs = System.currentTimeMillis();
        int count = 0;
        try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> closed = windows.read(from, to)) {
            while (closed.hasNext()) {
                KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> window = closed.next();
                count++;
                context.forward(new Record<>(window.key, new Change<>(window.value.value(), null),
                    window.value.timestamp(), record.headers()));
            }
        }
        emitted.record(count);
        emitLatency.record(System.currentTimeMillis() - startMs);
        lastCloseTime = closeTime;
        expiryHold.holdExpiryFrom(windows.from(closeTime));
        if (runtime != null) {
            runtime.addProcessorMetadataKeyValue(storeName, closeTime);
        }
    }

    /**
     * Adds Kafka's node metrics of a final emission, at DEBUG: {@code window-aggregate-final-emit-rate/total}, the
     * windows emitted, and {@code window-aggregate-final-emit-latency-avg/max}, the milliseconds each range read took.
     */
    private void addMetrics(ProcessorContext<?, ?> context) {
        String threadId = Thread.currentThread().getName();
        String taskId = context.taskId().toString();
        String node = runtime != null ? runtime.currentNodeName() : storeName;
        Map<String, String> tags = Map.of("thread-id", threadId, "task-id", taskId, "processor-node-id", node);
        String group = "stream-processor-node-metrics";
        String prefix = String.join(".", threadId, "task", taskId, "node", node) + ".";
        emitted = context.metrics().addSensor(prefix + "window-aggregate-final-emit", RecordingLevel.DEBUG);
        emitted.add(new MetricName("window-aggregate-final-emit-rate", group,
            "The average number of emit final records per second", tags), new Rate(new WindowedSum()));
        emitted.add(new MetricName("window-aggregate-final-emit-total", group,
            "The total number of emit final records", tags), new CumulativeSum());
        emitLatency = context.metrics().addSensor(prefix + "window-aggregate-final-emit-latency",
            RecordingLevel.DEBUG);
        emitLatency.add(new MetricName("window-aggregate-final-emit-latency-avg", group,
            "The average latency of calls to emit final in milliseconds", tags), new Avg());
        emitLatency.add(new MetricName("window-aggregate-final-emit-latency-max", group,
            "The maximum latency of calls to emit final in milliseconds", tags), new Max());
    }
}
