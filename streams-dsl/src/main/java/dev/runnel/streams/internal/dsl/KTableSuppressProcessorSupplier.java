package dev.runnel.streams.internal.dsl;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * KTable#suppress: holds a table's latest update per key in a buffer store and forwards it once it is due, in
 * buffer-time order. For final results the buffer time is the window end (a session's end + 1, its ends being
 * inclusive) and an update is due when stream time reaches buffer time + {@code suppressDurationMs} (the grace
 * period; for sessions grace + inactivity gap). For a time limit the buffer time is the timestamp of the key's first
 * buffered update and it is due {@code timeLimitMs} later. Stream time here is the largest timestamp of the updates
 * this processor has seen, as in Kafka Streams. The emitted record carries the headers of the key's latest update and
 * is forwarded in that update's record context.
 */
public record KTableSuppressProcessorSupplier<K, V>(SuppressedInternal<K> suppressed, String nodeName, String storeName,
    Serde<K> keySerde, Serde<V> valueSerde, long suppressDurationMs, WindowedKeyInfo windowed)
    implements ProcessorSupplier<K, Change<V>, K, Change<V>> {
    /*
     * The buffer store (bytes, change-logged by its builder, so the runtime restores it) holds per serialized
     * key:
     * <pre>
     *  0   format       int8    ENTRY_FORMAT; entries of earlier builds began with the buffer time (a first byte of
     *                           0) and are refused at init, naming the reset that clears them
     *  1   bufferTime   int64   when the entry becomes due, before adding suppressDurationMs
     *  9   timestamp    int64   timestamp of the latest update, which the emitted record carries
     *  17  newLength    int32   -1 for null, then the new value's bytes
     *  ..  oldLength    int32   -1 for null, then the old value's bytes (the value before the first buffered update)
     *  ..  context              the latest update's context as BufferedRecordContext encodes it, which the emitted
     *                           record carries
     * </pre>
     * An in-memory index ordered by (bufferTime, serialized key), the order in which Kafka Streams' buffer emits
     * entries due together (such as the windows of many keys closing at once), is rebuilt from the store at init,
     * after restoration.
     */
    static final byte ENTRY_FORMAT = 2;
    static final int BUFFER_TIME_OFFSET = 1;
    static final int TIMESTAMP_OFFSET = BUFFER_TIME_OFFSET + Long.BYTES;
    static final int NEW_VALUE_OFFSET = TIMESTAMP_OFFSET + Long.BYTES;

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        return new SuppressProcessor();
    }

    /**
     * One buffered entry's order, and its size as Kafka Streams' buffer counts it against {@code maxBytes}: see
     * {@link #bufferedSize}.
     */
    private record Slot(long bufferTime, Bytes key, long size) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot other) {
            int byTime = Long.compare(bufferTime, other.bufferTime);
            return byTime != 0 ? byTime : key.compareTo(other.key);
        }
    }

    private final class SuppressProcessor extends ContextualProcessor<K, Change<V>, K, Change<V>> {
        private final TreeMap<Slot, Bytes> byTime = new TreeMap<>();
        private final Map<Bytes, Slot> slots = new HashMap<>();
        private KeyValueStore<Bytes, byte[]> buffer;
        private Serializer<K> keySerializer;
        private Deserializer<K> keyDeserializer;
        private Serializer<V> valueSerializer;
        private Deserializer<V> valueDeserializer;
        private long observedStreamTime = -1L;
        private long bufferedBytes;
        private SuppressionMetrics metrics;

        @Override
        @SuppressWarnings("unchecked")
        public void init(ProcessorContext<K, Change<V>> context) {
            super.init(context);
            buffer = context.getStateStore(storeName);
            metrics = new SuppressionMetrics(context, nodeName, storeName);
            Serde<K> keys = keySerde;
            if (keys == null) {
                keys = windowed != null && context.keySerde() != null
                    ? (Serde<K>) windowed.serde(context.keySerde())
                    : (Serde<K>) context.keySerde();
            }
            Serde<V> values = valueSerde != null ? valueSerde : (Serde<V>) context.valueSerde();
            if (keys == null || values == null) {
                throw new StreamsException("Suppression " + storeName + " has no " + (keys == null ? "key" : "value")
                    + " serde: pass serdes to the upstream operation (Materialized/Grouped) or set default."
                    + (keys == null ? "key" : "value") + ".serde");
            }
            keySerializer = keys.serializer();
            keyDeserializer = keys.deserializer();
            valueSerializer = values.serializer();
            valueDeserializer = values.deserializer();
            try (KeyValueIterator<Bytes, byte[]> restored = buffer.all()) {
                while (restored.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = restored.next();
                    if (entry.value.length == 0 || entry.value[0] != ENTRY_FORMAT) {
                        throw new StreamsException("Suppression buffer " + storeName + " holds an entry in a format"
                            + " this build does not read (written by an earlier Runnel build); reset the application"
                            + " to clear it: runnel streams-reset, then KafkaStreams.cleanUp()");
                    }
                    ByteBuffer raw = ByteBuffer.wrap(entry.value);
                    // The entry keeps no latest old value: it is sized as a key's first update is.
                    byte[] newBytes = valueBytes(entry.value, NEW_VALUE_OFFSET);
                    byte[] priorBytes = oldValueBytes(entry.value);
                    BufferedRecordContext recordContext = BufferedRecordContext.decode(raw.position(
                        NEW_VALUE_OFFSET + 2 * Integer.BYTES + length(newBytes) + length(priorBytes)));
                    index(entry.key, new Slot(raw.getLong(BUFFER_TIME_OFFSET), entry.key, bufferedSize(entry.key,
                        priorBytes, null, newBytes, recordContext == null ? null : recordContext.topic(),
                        recordContext == null ? null : recordContext.headers())));
                }
            }
            metrics.bufferChanged(slots.size(), bufferedBytes);
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            observedStreamTime = Math.max(observedStreamTime, record.timestamp());
            Bytes key = Bytes.wrap(keySerializer.serialize(storeName, record.key()));
            Slot slot = slots.get(key);
            long bufferTime;
            byte[] oldBytes;
            byte[] latestOldBytes = null;
            if (slot == null) {
                bufferTime = bufferTime(record);
                oldBytes = serialize(record.value().oldValue());
            } else {
                bufferTime = slot.bufferTime();
                oldBytes = oldValueBytes(buffer.get(key));
                if (suppressed.maxBytes() < Long.MAX_VALUE) {
                    latestOldBytes = serialize(record.value().oldValue());
                }
                unindex(key);
            }
            byte[] newBytes = serialize(record.value().newValue());
            buffer.put(key, encode(bufferTime, record.timestamp(), newBytes, oldBytes,
                BufferedRecordContext.encode(context(), record.headers())));
            String topic = context().recordMetadata().map(metadata -> metadata.topic()).orElse(null);
            index(key, new Slot(bufferTime, key, bufferedSize(key, oldBytes, latestOldBytes, newBytes, topic,
                record.headers())));
            metrics.bufferChanged(slots.size(), bufferedBytes);
            int buffered = slots.size();
            emitDue();
            enforceBounds();
            if (slots.size() != buffered) {
                metrics.bufferChanged(slots.size(), bufferedBytes);
            }
        }

        private long bufferTime(Record<K, Change<V>> record) {
            if (suppressed.finalResults()) {
                if (!(record.key() instanceof Windowed<?> windowed)) {
                    throw new StreamsException("Suppressed.untilWindowCloses needs a windowed table; got key type "
                        + record.key().getClass().getName() + " in " + storeName);
                }
                return windowed.window().end();
            }
            return record.timestamp();
        }

        /** Emits the entries due. */
        private void emitDue() {
            while (!byTime.isEmpty() && byTime.firstKey().bufferTime() <= observedStreamTime - suppressDurationMs) {
                emitFirst();
            }
        }

        private void enforceBounds() {
            // a bound below zero is exceeded even by an empty buffer, which has nothing left to emit
            while (!slots.isEmpty()
                && (slots.size() > suppressed.maxRecords() || bufferedBytes > suppressed.maxBytes())) {
                if (suppressed.shutDownWhenFull()) {
                    throw new StreamsException(nodeName + " buffer exceeded its max capacity. Currently ["
                        + slots.size() + "/" + suppressed.maxRecords() + "] records and [" + bufferedBytes + "/"
                        + suppressed.maxBytes() + "] bytes. Raise the bounds, or use emitEarlyWhenFull()");
                }
                emitFirst();
            }
        }

        private void emitFirst() {
            Map.Entry<Slot, Bytes> first = byTime.firstEntry();
            Bytes key = first.getValue();
            byte[] entry = buffer.get(key);
            unindex(key);
            buffer.delete(key);
            ByteBuffer raw = ByteBuffer.wrap(entry);
            int newLength = raw.getInt(NEW_VALUE_OFFSET);
            V newValue = deserialize(entry, NEW_VALUE_OFFSET);
            if (newValue == null && suppressed.finalResults()) {
                return; // a window deleted (merged session) before it closed has no final result
            }
            int oldValueOffset = NEW_VALUE_OFFSET + Integer.BYTES + Math.max(newLength, 0);
            V oldValue = deserialize(entry, oldValueOffset);
            K typedKey = keyDeserializer.deserialize(storeName, key.get());
            long timestamp = raw.getLong(TIMESTAMP_OFFSET);
            BufferedRecordContext recordContext = BufferedRecordContext.decode(raw.position(oldValueOffset
                + Integer.BYTES + Math.max(raw.getInt(oldValueOffset), 0)));
            metrics.emitted();
            Change<V> change = new Change<>(newValue, oldValue);
            Object previous = recordContext.enter(context(), timestamp);
            try {
                context().forward(new Record<>(typedKey, change, timestamp, recordContext.headers()));
            } finally {
                BufferedRecordContext.exit(context(), previous);
            }
        }

        private void index(Bytes key, Slot slot) {
            slots.put(key, slot);
            byTime.put(slot, key);
            bufferedBytes += slot.size();
        }

        private void unindex(Bytes key) {
            Slot slot = slots.remove(key);
            byTime.remove(slot);
            bufferedBytes -= slot.size();
        }

        private byte[] serialize(V value) {
            return value == null ? null : valueSerializer.serialize(storeName, value);
        }

        private V deserialize(byte[] entry, int offset) {
            byte[] bytes = valueBytes(entry, offset);
            return bytes == null ? null : valueDeserializer.deserialize(storeName, bytes);
        }

        private byte[] oldValueBytes(byte[] entry) {
            int newLength = ByteBuffer.wrap(entry).getInt(NEW_VALUE_OFFSET);
            return valueBytes(entry, NEW_VALUE_OFFSET + Integer.BYTES + Math.max(newLength, 0));
        }
    }

    /** Returns the value whose int32 length (-1 for null) is at {@code offset} of {@code entry}. */
    private static byte[] valueBytes(byte[] entry, int offset) {
        int length = ByteBuffer.wrap(entry).getInt(offset);
        return length < 0 ? null : Arrays.copyOfRange(entry, offset + Integer.BYTES, offset + Integer.BYTES + length);
    }

    /**
     * Returns an entry's size as Kafka Streams' in-memory buffer counts it against {@code maxBytes}, so that
     * {@code emitEarlyWhenFull} and {@code shutDownWhenFull} act at the same update: the buffer time (8 bytes), the
     * serialized key, the value before the key's first buffered update ({@code prior}), the latest update's old value
     * unless that update is the first ({@code latestOld}, else {@code null}), its new value, and its record context:
     * timestamp and offset (8 bytes each), the topic's characters, the partition (4 bytes), and each header's key
     * characters and value bytes.
     */
    static long bufferedSize(Bytes key, byte[] prior, byte[] latestOld, byte[] newValue, String topic,
        Headers headers) {
        long size = Long.BYTES + key.get().length + length(prior) + length(latestOld) + length(newValue)
            + 2 * Long.BYTES + (topic == null ? 0 : topic.length()) + Integer.BYTES;
        if (headers != null) {
            for (Header header : headers) {
                size += header.key().length() + length(header.value());
            }
        }
        return size;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] encode(long bufferTime, long timestamp, byte[] newValue, byte[] oldValue,
        byte[] recordContext) {
        int size = NEW_VALUE_OFFSET + 2 * Integer.BYTES + length(newValue) + length(oldValue) + recordContext.length;
        ByteBuffer buffer = ByteBuffer.allocate(size).put(ENTRY_FORMAT).putLong(bufferTime).putLong(timestamp);
        BufferedRecordContext.putBytes(buffer, newValue);
        BufferedRecordContext.putBytes(buffer, oldValue);
        return buffer.put(recordContext).array();
    }
}
