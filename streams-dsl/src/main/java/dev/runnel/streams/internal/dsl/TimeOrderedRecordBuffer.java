package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stream records held in a key-value store of bytes and taken out in timestamp order, then arrival order: the
 * grace-period buffer of a stream-table join. Every record is kept, also several of one key, with its headers and
 * the position of its input record, in whose context it is taken out ({@link BufferedRecordContext}). The store may
 * be change-logged; a buffer created on a restored store continues where it was. Not thread-safe; owned by its
 * processor.
 */
final class TimeOrderedRecordBuffer<K, V> {
    /*
     * Store key, 16 bytes, big-endian, so that the store's unsigned byte order is (timestamp, sequence) order for the
     * non-negative timestamps a task processes:
     * <pre>
     *  0  timestamp  int64   the record's timestamp
     *  8  sequence   int64   arrival order, unique in the store
     * </pre>
     * Store value: the serialized key, then the serialized value, each as an int32 length (-1 for null) and the bytes,
     * then the record's context as BufferedRecordContext encodes it (absent from entries written before it was kept).
     */
    static final int TIMESTAMP_OFFSET = 0;
    static final int SEQUENCE_OFFSET = TIMESTAMP_OFFSET + Long.BYTES;
    static final int KEY_SIZE = SEQUENCE_OFFSET + Long.BYTES;

    private final ProcessorContext<?, ?> context;
    private final KeyValueStore<Bytes, byte[]> store;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final String topic;
    private long nextSequence;

    /** Wraps {@code store} for the processor of {@code context}; {@code topic} is passed to the serdes. */
    TimeOrderedRecordBuffer(ProcessorContext<?, ?> context, KeyValueStore<Bytes, byte[]> store, Serde<K> keySerde,
        Serde<V> valueSerde, String topic) {
        this.context = context;
        this.store = store;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.topic = topic;
        try (KeyValueIterator<Bytes, byte[]> restored = store.all()) {
            while (restored.hasNext()) {
                long sequence = ByteBuffer.wrap(restored.next().key.get()).getLong(SEQUENCE_OFFSET);
                nextSequence = Math.max(nextSequence, sequence + 1);
            }
        }
    }

    /** Adds {@code record}, the one being processed, with its headers and position. */
    void put(Record<K, V> record) {
        byte[] key = serialize(keySerde, record.key());
        byte[] value = serialize(valueSerde, record.value());
        byte[] recordContext = BufferedRecordContext.encode(context, record.headers());
        ByteBuffer entry = ByteBuffer.allocate(2 * Integer.BYTES + length(key) + length(value) + recordContext.length);
        BufferedRecordContext.putBytes(entry, key);
        BufferedRecordContext.putBytes(entry, value);
        entry.put(recordContext);
        store.put(storeKey(record.timestamp(), nextSequence++), entry.array());
    }

    /**
     * Removes every record with a timestamp up to {@code maxTimestamp} and passes each to {@code action}, oldest
     * first, with its headers and in its record context.
     */
    void evictUpTo(long maxTimestamp, Consumer<Record<K, V>> action) {
        if (maxTimestamp < 0) {
            return;
        }
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> range = store.range(storeKey(0, 0), storeKey(maxTimestamp,
            Long.MAX_VALUE))) {
            range.forEachRemaining(due::add);
        }
        for (KeyValue<Bytes, byte[]> entry : due) {
            store.delete(entry.key);
            ByteBuffer value = ByteBuffer.wrap(entry.value);
            K key = deserialize(keySerde, BufferedRecordContext.getBytes(value));
            V recordValue = deserialize(valueSerde, BufferedRecordContext.getBytes(value));
            long timestamp = ByteBuffer.wrap(entry.key.get()).getLong(TIMESTAMP_OFFSET);
            BufferedRecordContext recordContext = BufferedRecordContext.decode(value);
            if (recordContext == null) {
                action.accept(new Record<>(key, recordValue, timestamp));
                continue;
            }
            Object previous = recordContext.enter(context, timestamp);
            try {
                action.accept(new Record<>(key, recordValue, timestamp, recordContext.headers()));
            } finally {
                BufferedRecordContext.exit(context, previous);
            }
        }
    }

    private static Bytes storeKey(long timestamp, long sequence) {
        return Bytes.wrap(ByteBuffer.allocate(KEY_SIZE).putLong(timestamp).putLong(sequence).array());
    }

    private <T> byte[] serialize(Serde<T> serde, T data) {
        return data == null ? null : serde.serializer().serialize(topic, data);
    }

    private <T> T deserialize(Serde<T> serde, byte[] bytes) {
        return bytes == null ? null : serde.deserializer().deserialize(topic, bytes);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
