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
 * Stream records held in a key-value store of bytes and taken out in timestamp order, then serialized-key order,
 * then arrival order, as Kafka Streams' buffer takes them out: the grace-period buffer of a stream-table join. Every
 * record is kept, also several of one key, with its headers and the position of its input record, in whose context
 * it is taken out ({@link BufferedRecordContext}). The store may be change-logged; a buffer created on a restored
 * store continues where it was. Not thread-safe; owned by its processor.
 */
final class TimeOrderedRecordBuffer<K, V> {
    /*
     * Store key, big-endian, so that the store's unsigned byte order is (timestamp, key, sequence) order for the
     * non-negative timestamps a task processes:
     * <pre>
     *  0   timestamp  int64   the record's timestamp
     *  8   key                the serialized key (nothing for a null key)
     *  ..  sequence   int64   arrival order, unique in the store
     * </pre>
     * Keys written before the key was part of them (timestamp and sequence) read as keys of an empty key.
     * Store value: the serialized key, then the serialized value, each as an int32 length (-1 for null) and the bytes,
     * then the record's context as BufferedRecordContext encodes it (absent from entries written before it was kept).
     */
    static final int TIMESTAMP_OFFSET = 0;

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
                byte[] storeKey = restored.next().key.get();
                long sequence = ByteBuffer.wrap(storeKey).getLong(storeKey.length - Long.BYTES);
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
        store.put(storeKey(record.timestamp(), key, nextSequence++), entry.array());
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
        try (KeyValueIterator<Bytes, byte[]> range = store.all()) {
            while (range.hasNext()) {
                KeyValue<Bytes, byte[]> entry = range.next();
                if (ByteBuffer.wrap(entry.key.get()).getLong(TIMESTAMP_OFFSET) > maxTimestamp) {
                    break;
                }
                due.add(entry);
            }
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

    private static Bytes storeKey(long timestamp, byte[] key, long sequence) {
        ByteBuffer storeKey = ByteBuffer.allocate(2 * Long.BYTES + length(key)).putLong(timestamp);
        if (key != null) {
            storeKey.put(key);
        }
        return Bytes.wrap(storeKey.putLong(sequence).array());
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
