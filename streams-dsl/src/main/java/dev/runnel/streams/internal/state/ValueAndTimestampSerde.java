package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.LongDeserializer;
import dev.runnel.common.serialization.LongSerializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Serde of timestamped store values, the format Kafka Streams also uses:
 * <pre>
 *  0  timestamp  int64   big-endian, ms
 *  8  value      bytes   the value serde's output
 * </pre>
 * A {@code null} {@link ValueAndTimestamp} is {@code null} bytes (a deletion).
 */
public final class ValueAndTimestampSerde<V> implements Serde<ValueAndTimestamp<V>> {
    static final int TIMESTAMP_OFFSET = 0;
    static final int VALUE_OFFSET = TIMESTAMP_OFFSET + Long.BYTES;

    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.BIG_ENDIAN);

    private final Serde<V> valueSerde;

    /** Wraps the value serde. */
    public ValueAndTimestampSerde(Serde<V> valueSerde) {
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** Returns the timestamp of serialized {@code data}, read in place (no buffer object on this hot path). */
    public static long rawTimestamp(byte[] data) {
        return (long) BIG_ENDIAN_LONG.get(data, TIMESTAMP_OFFSET);
    }

    @Override
    public Serializer<ValueAndTimestamp<V>> serializer() {
        Serializer<V> inner = valueSerde.serializer();
        if (inner.getClass() == LongSerializer.class) {
            return (topic, data) -> data == null ? null : longValue(data.timestamp(), (Long) data.value());
        }
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            byte[] value = inner.serialize(topic, data.value());
            byte[] out = new byte[VALUE_OFFSET + value.length];
            BIG_ENDIAN_LONG.set(out, TIMESTAMP_OFFSET, data.timestamp());
            System.arraycopy(value, 0, out, VALUE_OFFSET, value.length);
            return out;
        };
    }

    @Override
    public Deserializer<ValueAndTimestamp<V>> deserializer() {
        Deserializer<V> inner = valueSerde.deserializer();
        boolean longs = inner.getClass() == LongDeserializer.class;
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (longs && data.length == VALUE_OFFSET + Long.BYTES) {
                @SuppressWarnings("unchecked")
                V count = (V) Long.valueOf((long) BIG_ENDIAN_LONG.get(data, VALUE_OFFSET));
                return ValueAndTimestamp.make(count, rawTimestamp(data));
            }
            byte[] value = java.util.Arrays.copyOfRange(data, VALUE_OFFSET, data.length);
            return ValueAndTimestamp.make(inner.deserialize(topic, value), rawTimestamp(data));
        };
    }

    /**
     * Writes a timestamped long in one array: counts, the commonest aggregate, skip the value serde's own array (the
     * exact class only, so that a subclass's own encoding is kept).
     */
    private static byte[] longValue(long timestamp, Long value) {
        byte[] out = new byte[VALUE_OFFSET + Long.BYTES];
        BIG_ENDIAN_LONG.set(out, TIMESTAMP_OFFSET, timestamp);
        BIG_ENDIAN_LONG.set(out, VALUE_OFFSET, (long) value);
        return out;
    }
}
