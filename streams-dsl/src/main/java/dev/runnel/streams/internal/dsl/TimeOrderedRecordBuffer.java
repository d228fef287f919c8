package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stream records held in a key-value store of bytes and taken out in timestamp order, then arrival order: the
 * grace-period buffer of a stream-table join. Every record is kept, also several of one key. The store may be
 * change-logged; a buffer created on a restored store continues where it was. Not thread-safe; owned by its
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
     * Store value: the serialized key, then the serialized value, each as an int32 length (-1 for null) and the bytes.
     */
    static final int TIMESTAMP_OFFSET = 0;
    static final int SEQUENCE_OFFSET = TIMESTAMP_OFFSET + Long.BYTES;
    static final int KEY_SIZE = SEQUENCE_OFFSET + Long.BYTES;

    private final KeyValueStore<Bytes, byte[]> store;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final String topic;
    private long nextSequence;

    /** Wraps {@code store}; {@code topic} is passed to the serdes. */
    TimeOrderedRecordBuffer(KeyValueStore<Bytes, byte[]> store, Serde<K> keySerde, Serde<V> valueSerde, String topic) {
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

    /** Adds {@code record}; its headers are not kept. */
    void put(Record<K, V> record) {
        byte[] key = serialize(keySerde, record.key());
        byte[] value = serialize(valueSerde, record.value());
        ByteBuffer entry = ByteBuffer.allocate(2 * Integer.BYTES + length(key) + length(value));
        putBytes(entry, key);
        putBytes(entry, value);
        store.put(storeKey(record.timestamp(), nextSequence++), entry.array());
    }

    /**
     * Removes every record with a timestamp up to {@code maxTimestamp} and passes each to {@code action}, oldest
     * first.
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
            K key = deserialize(keySerde, getBytes(value));
            V recordValue = deserialize(valueSerde, getBytes(value));
            action.accept(new Record<>(key, recordValue, ByteBuffer.wrap(entry.key.get()).getLong(TIMESTAMP_OFFSET)));
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

    private static void putBytes(ByteBuffer buffer, byte[] bytes) {
        buffer.putInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            buffer.put(bytes);
        }
    }

    private static byte[] getBytes(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
