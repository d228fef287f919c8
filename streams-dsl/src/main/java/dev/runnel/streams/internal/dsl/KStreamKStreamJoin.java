package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
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
 * buffer and emit it joined with {@code null} only once its window has closed, so no spurious {@code (v, null)} result
 * precedes a real match. As in Kafka Streams since KIP-962, a preserved side's record with a null key (which can never
 * match) is emitted joined with {@code null} at once; records with a null value are dropped.
 */
/*
 * Implementation notes. Both sides share one stream time (the largest timestamp either has seen, kept in the
 * SharedStreamTime both processors of a join get). A record's window closes when stream time passes
 * t + after + grace ("after" from its own side's view); a record arriving after that is late: dropped and logged.
 * Out-of-order records inside that bound join normally, looking up the other side's window store (which retains
 * duplicates, as one key can have many records at one time). The outer-join buffer is a key-value store ordered by
 * timestamp (key: 8-byte big-endian timestamp, 1-byte side, serialized key; value: the serialized values of the
 * records of that side, key and timestamp, each prefixed with its 4-byte length), so on each record the closed prefix
 * is scanned, emitted and deleted. A later match deletes the buffered records of its slot: a record matching one of
 * them matches them all, since the window depends on the timestamp alone.
 */
record KStreamKStreamJoin<K, V1, V2, VR>(boolean isLeftSide, String otherWindowStoreName, String outerBufferStoreName,
    long beforeMs, long afterMs, long graceMs, boolean preserveThis, boolean preserveOther,
    ValueJoinerWithKey<? super K, ? super V1, ? super V2, ? extends VR> joiner, SharedStreamTime streamTime,
    Serde<K> keySerde, Serde<V1> leftValueSerde, Serde<V2> rightValueSerde)
    implements ProcessorSupplier<K, Object, K, VR> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamKStreamJoin.class);
    private static final byte LEFT = 0;
    private static final byte RIGHT = 1;

    /** The stream time both sides of one join share, per task. Thread-safe: tasks of several threads use it. */
    static final class SharedStreamTime {
        private final Map<TaskId, Long> streamTimes = new ConcurrentHashMap<>();

        long advance(TaskId task, long timestamp) {
            return streamTimes.merge(task, timestamp, Math::max);
        }
    }

    @Override
    public Processor<K, Object, K, VR> get() {
        return new ContextualProcessor<>() {
            private WindowStore<K, Object> otherWindow;
            private KeyValueStore<Bytes, byte[]> buffer;
            private Serde<K> keys;
            private Serde<V1> leftValues;
            private Serde<V2> rightValues;

            @Override
            @SuppressWarnings("unchecked")
            public void init(ProcessorContext<K, VR> context) {
                super.init(context);
                otherWindow = WindowStoreFacade.plainView(context.getStateStore(otherWindowStoreName));
                if (outerBufferStoreName != null) {
                    buffer = context.getStateStore(outerBufferStoreName);
                    keys = keySerde != null ? keySerde : (Serde<K>) context.keySerde();
                    leftValues = leftValueSerde != null ? leftValueSerde : (Serde<V1>) context.valueSerde();
                    rightValues = rightValueSerde != null ? rightValueSerde : (Serde<V2>) context.valueSerde();
                }
            }

            @Override
            public void process(Record<K, Object> record) {
                if (record.value() == null || record.key() == null && !preserveThis) {
                    LOG.debug("Skipping stream-stream join record with null key or value: {}", metadata());
                    return;
                }
                long time = record.timestamp();
                long now = streamTime.advance(context().taskId(), time);
                if (record.key() == null) {
                    context().forward(record.withValue(join(null, record.value(), null)));
                    return;
                }
                long lookBack = isLeftSide ? beforeMs : afterMs;
                long lookAhead = isLeftSide ? afterMs : beforeMs;
                if (time + lookAhead + graceMs < now) {
                    LOG.warn("Skipping late record for closed join window: timestamp {} + window {} + grace {} < stream"
                        + " time {} ({})", time, lookAhead, graceMs, now, metadata());
                    return;
                }
                if (buffer != null) {
                    emitClosed(record, now);
                }
                boolean matched = false;
                try (WindowStoreIterator<Object> others = otherWindow.fetch(record.key(), Math.max(0, time - lookBack),
                    Math.max(0, time + lookAhead))) {
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
                    Bytes slot = bufferKey(time, isLeftSide, record.key());
                    buffer.put(slot, withValue(buffer.get(slot), serializeValue(isLeftSide, record.value())));
                }
            }

            private void emitClosed(Record<K, Object> record, long now) {
                long firstOpen = now - Math.min(beforeMs, afterMs) - graceMs;
                if (firstOpen <= 0) {
                    return;
                }
                Bytes from = Bytes.wrap(new byte[Long.BYTES]);
                Bytes to = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(firstOpen).array());
                try (KeyValueIterator<Bytes, byte[]> entries = buffer.range(from, to)) {
                    while (entries.hasNext()) {
                        KeyValue<Bytes, byte[]> entry = entries.next();
                        ByteBuffer key = ByteBuffer.wrap(entry.key.get());
                        long time = key.getLong();
                        boolean left = key.get() == LEFT;
                        if (time + (left ? afterMs : beforeMs) + graceMs >= now) {
                            continue;
                        }
                        byte[] keyBytes = new byte[key.remaining()];
                        key.get(keyBytes);
                        K recordKey = keys.deserializer().deserialize(otherWindowStoreName, keyBytes);
                        buffer.delete(entry.key);
                        ByteBuffer values = ByteBuffer.wrap(entry.value);
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

            private String metadata() {
                return context().recordMetadata().map(Object::toString).orElse("no metadata");
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
