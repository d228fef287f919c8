package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.internal.state.WindowStoreFacade;
import dev.runnel.streams.kstream.ValueJoinerWithKey;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;
import dev.runnel.streams.state.ValueTimestampHeaders;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;
import dev.runnel.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of a windowed stream-stream join. A record of this side at time {@code t} joins the other side's records
 * with timestamps in {@code [t - before, t + after]} (from this side's view: the right side's window is mirrored), each
 * result taking the larger timestamp. Left and outer joins keep a record without a match in the shared outer-join
 * buffer and emit it joined with {@code null} once its window and grace period have passed, so no spurious
 * {@code (v, null)} result precedes a real match; as in Kafka Streams, a record whose window has already ended when it
 * arrives (within the grace period) is emitted joined with {@code null} at once. Without the buffer (windows made by
 * the deprecated {@code JoinWindows.of}, as before KIP-633) every record without a match is emitted at once. A record
 * arriving after its window end plus grace is late: dropped, logged and counted in the task's dropped records, as
 * {@code JoinWindows} documents and the windowed aggregations do (Kafka Streams 4.3 still joins it, KAFKA-16123). As in
 * Kafka Streams since KIP-962, a preserved side's record with a null key (which can never match) is emitted joined
 * with {@code null} at once; other records with a null key or value are dropped and counted.
 */
/*
 * Implementation notes. Both sides share one JoinTimes per task (as Kafka Streams' join time tracker): the stream time
 * (the largest timestamp either side has seen, records with a null key or value included), the earliest buffered
 * timestamp, and the wall-clock time of the next scan of the buffer. A record's window closes when stream time passes
 * t + after + grace ("after" from its own side's view). Out-of-order records inside that bound look up the other
 * side's window store (which retains duplicates, as one key can have many records at one time).
 *
 * The outer-join buffer is a key-value store ordered as Kafka Streams' (key: 8-byte big-endian timestamp, 1-byte
 * side, right 0 before left 1, serialized key; value: the serialized values of the records of that side, key and
 * timestamp, each prefixed with its 4-byte length, so every one is kept). Only a record at the stream time scans it,
 * and, as in Kafka Streams, at most once per emit interval of wall-clock time (the internal config
 * EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX, 1000 ms by default), and only once the earliest buffered
 * record may have closed. The scan walks the buffer in order, emits and deletes each slot whose record's window plus
 * grace has passed, skips (and stops at, once both sides have one) slots still open, and leaves the earliest-time mark
 * at the last slot it looked at. A later match deletes the buffered records of its slot: a
 * record matching one of them matches them all, since the window depends on the timestamp alone.
 */
record KStreamKStreamJoin<K, V1, V2, VR>(boolean isLeftSide, String otherWindowStoreName, String outerBufferStoreName,
    long beforeMs, long afterMs, long graceMs, boolean preserveThis, boolean preserveOther,
    ValueJoinerWithKey<? super K, ? super V1, ? super V2, ? extends VR> joiner, SharedJoinTimes sharedTimes,
    Serde<K> keySerde, Serde<V1> leftValueSerde, Serde<V2> rightValueSerde)
    implements ProcessorSupplier<K, Object, K, VR> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamKStreamJoin.class);
    private static final byte RIGHT = 0;
    private static final byte LEFT = 1;
    private static final long DEFAULT_EMIT_INTERVAL_MS = 1000L;

    /** The times both sides of one join share in one task. Not thread-safe: owned by the task's thread. */
    static final class JoinTimes {
        private long streamTime = -1L;
        private long earliestBuffered = Long.MAX_VALUE;
        private long nextScanMs;
    }

    /** The {@link JoinTimes} of each task running the join. Thread-safe: tasks of several threads use it. */
    static final class SharedJoinTimes {
        private final Map<TaskId, JoinTimes> byTask = new ConcurrentHashMap<>();

        JoinTimes forTask(TaskId task) {
            return byTask.computeIfAbsent(task, id -> new JoinTimes());
        }

        void remove(TaskId task) {
            byTask.remove(task);
        }
    }

    @Override
    public Processor<K, Object, K, VR> get() {
        return new ContextualProcessor<>() {
            private WindowStore<K, Object> otherWindow;
            private KeyValueStore<Bytes, byte[]> buffer;
            private JoinTimes times;
            private long emitIntervalMs;
            private Serde<K> keys;
            private Serde<V1> leftValues;
            private Serde<V2> rightValues;

            @Override
            @SuppressWarnings("unchecked")
            public void init(ProcessorContext<K, VR> context) {
                super.init(context);
                otherWindow = WindowStoreFacade.plainView(context.getStateStore(otherWindowStoreName));
                times = sharedTimes.forTask(context.taskId());
                if (outerBufferStoreName != null) {
                    buffer = context.getStateStore(outerBufferStoreName);
                    emitIntervalMs = StreamsConfig.InternalConfig.getLong(context.appConfigs(),
                        StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX,
                        DEFAULT_EMIT_INTERVAL_MS);
                    keys = keySerde != null ? keySerde : (Serde<K>) context.keySerde();
                    leftValues = leftValueSerde != null ? leftValueSerde : (Serde<V1>) context.valueSerde();
                    rightValues = rightValueSerde != null ? rightValueSerde : (Serde<V2>) context.valueSerde();
                }
            }

            @Override
            public void process(Record<K, Object> record) {
                long time = record.timestamp();
                times.streamTime = Math.max(times.streamTime, time);
                if (record.key() == null && record.value() != null && preserveThis) {
                    context().forward(record.withValue(join(null, record.value(), null)));
                    return;
                }
                if (record.key() == null || record.value() == null) {
                    DroppedRecords.skipNullKeyOrValue(LOG, context(), "stream-stream join",
                        record.key() == null);
                    return;
                }
                long lookAhead = isLeftSide ? afterMs : beforeMs;
                if (time + lookAhead + graceMs < times.streamTime) {
                    DroppedRecords.skipClosedJoinWindow(LOG, context(), time, lookAhead, graceMs, times.streamTime);
                    return;
                }
                if (buffer != null && time == times.streamTime) {
                    emitClosed(record);
                }
                long lookBack = isLeftSide ? beforeMs : afterMs;
                long windowEnd = Math.max(0, time + lookAhead);
                boolean matched = false;
                try (WindowStoreIterator<Object> others = otherWindow.fetch(record.key(), Math.max(0, time - lookBack),
                    windowEnd)) {
                    while (others.hasNext()) {
                        KeyValue<Long, Object> other = others.next();
                        matched = true;
                        if (buffer != null && preserveOther) {
                            buffer.delete(bufferKey(other.key, !isLeftSide, record.key()));
                        }
                        context().forward(record.withValue(join(record.key(), record.value(), other.value))
                            .withTimestamp(Math.max(time, other.key)));
                    }
                }
                if (!matched && preserveThis) {
                    if (buffer == null || windowEnd < times.streamTime) {
                        context().forward(record.withValue(join(record.key(), record.value(), null)));
                    } else {
                        times.earliestBuffered = Math.min(times.earliestBuffered, time);
                        Bytes slot = bufferKey(time, isLeftSide, record.key());
                        buffer.put(slot, withValue(buffer.get(slot), serializeValue(isLeftSide, record.value())));
                    }
                }
            }

            /** Emits, in the context of {@code record}, the buffered records whose windows have closed. */
            private void emitClosed(Record<K, Object> record) {
                // An empty buffer's Long.MAX_VALUE wraps around here, so it is scanned too, as in Kafka Streams.
                if (times.earliestBuffered + (isLeftSide ? afterMs : beforeMs) + graceMs >= times.streamTime) {
                    return;
                }
                long wallClockMs = context().currentSystemTimeMs();
                if (wallClockMs < times.nextScanMs) {
                    return;
                }
                times.nextScanMs = wallClockMs + emitIntervalMs;
                times.earliestBuffered = Long.MAX_VALUE;
                boolean leftOpen = false;
                boolean rightOpen = false;
                try (KeyValueIterator<Bytes, byte[]> entries = buffer.all()) {
                    while (entries.hasNext()) {
                        KeyValue<Bytes, byte[]> entry = entries.next();
                        ByteBuffer key = ByteBuffer.wrap(entry.key.get());
                        long time = key.getLong();
                        boolean left = key.get() == LEFT;
                        times.earliestBuffered = time;
                        if (leftOpen && rightOpen) {
                            break;
                        }
                        if (time + (left ? afterMs : beforeMs) + graceMs >= times.streamTime) {
                            leftOpen |= left;
                            rightOpen |= !left;
                            continue;
                        }
                        byte[] keyBytes = new byte[key.remaining()];
                        key.get(keyBytes);
                        buffer.delete(entry.key);
                        emitUnmatched(record, keys.deserializer().deserialize(otherWindowStoreName, keyBytes), left,
                            time, entry.value);
                    }
                }
            }

            /** Emits each record buffered in one slot joined with {@code null}. */
            private void emitUnmatched(Record<K, Object> record, K recordKey, boolean left, long time, byte[] slot) {
                ByteBuffer values = ByteBuffer.wrap(slot);
                while (values.hasRemaining()) {
                    byte[] valueBytes = new byte[values.getInt()];
                    values.get(valueBytes);
                    VR result = left
                        ? joiner.apply(recordKey, leftValues.deserializer().deserialize(otherWindowStoreName,
                            valueBytes), null)
                        : joiner.apply(recordKey, null, rightValues.deserializer().deserialize(
                            otherWindowStoreName, valueBytes));
                    context().forward(record.withKey(recordKey).withValue(result).withTimestamp(time));
                }
            }

            private Bytes bufferKey(long time, boolean left, K key) {
                byte[] keyBytes = keys.serializer().serialize(otherWindowStoreName, key);
                return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + 1 + keyBytes.length).putLong(time)
                    .put(left ? LEFT : RIGHT).put(keyBytes).array());
            }

            /** Returns the buffered values of a slot ({@code null}: none yet) with {@code value} appended. */
            private byte[] withValue(byte[] buffered, byte[] value) {
                int before = buffered == null ? 0 : buffered.length;
                ByteBuffer out = ByteBuffer.allocate(before + Integer.BYTES + value.length);
                if (buffered != null) {
                    out.put(buffered);
                }
                return out.putInt(value.length).put(value).array();
            }

            @SuppressWarnings("unchecked")
            private byte[] serializeValue(boolean left, Object value) {
                return left ? leftValues.serializer().serialize(otherWindowStoreName, (V1) value)
                    : rightValues.serializer().serialize(otherWindowStoreName, (V2) value);
            }

            @Override
            public void close() {
                sharedTimes.remove(context().taskId());
            }
        };
    }

    @SuppressWarnings("unchecked")
    private VR join(K key, Object thisValue, Object otherValue) {
        return isLeftSide ? joiner.apply(key, (V1) thisValue, (V2) otherValue)
            : joiner.apply(key, (V1) otherValue, (V2) thisValue);
    }

    /**
     * Puts each record of one side into that side's window store and passes it on to the join. A headers-aware store
     * (KIP-1285) keeps each record's headers and timestamp with its value.
     */
    record KStreamJoinWindow<K, V>(String windowStoreName) implements ProcessorSupplier<K, V, K, V> {
        @Override
        public Processor<K, V, K, V> get() {
            return new ContextualProcessor<>() {
                /** Puts a record into the store in the store's format, chosen once in init. */
                private Consumer<Record<K, V>> window;

                @Override
                @SuppressWarnings("unchecked")
                public void init(ProcessorContext<K, V> context) {
                    super.init(context);
                    StateStore store = context.getStateStore(windowStoreName);
                    if (store instanceof TimestampedWindowStoreWithHeaders<?, ?> headersAware) {
                        TimestampedWindowStoreWithHeaders<K, V> typed =
                            (TimestampedWindowStoreWithHeaders<K, V>) headersAware;
                        window = record -> typed.put(record.key(), ValueTimestampHeaders.make(record.value(),
                            record.timestamp(), record.headers()), record.timestamp());
                    } else {
                        WindowStore<K, V> plain = (WindowStore<K, V>) store;
                        window = record -> plain.put(record.key(), record.value(), record.timestamp());
                    }
                }

                @Override
                public void process(Record<K, V> record) {
                    if (record.key() != null && record.value() != null) {
                        window.accept(record);
                    }
                    context().forward(record);
                }
            };
        }
    }
}
