package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.nio.ByteBuffer;
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

    private final Serde<V> valueSerde;

    /** Wraps the value serde. */
    public ValueAndTimestampSerde(Serde<V> valueSerde) {
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
    }

    @Override
    public Serializer<ValueAndTimestamp<V>> serializer() {
        Serializer<V> inner = valueSerde.serializer();
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            byte[] value = inner.serialize(topic, data.value());
            byte[] out = new byte[VALUE_OFFSET + value.length];
            long timestamp = data.timestamp();
            for (int i = 0; i < Long.BYTES; i++) {
                out[TIMESTAMP_OFFSET + i] = (byte) (timestamp >>> (56 - 8 * i));
            }
            System.arraycopy(value, 0, out, VALUE_OFFSET, value.length);
            return out;
        };
    }

    @Override
    public Deserializer<ValueAndTimestamp<V>> deserializer() {
        Deserializer<V> inner = valueSerde.deserializer();
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(data);
            long timestamp = buffer.getLong(TIMESTAMP_OFFSET);
            // The inner deserializer reads the value in place where it can (String, Long), sparing a copy.
            return ValueAndTimestamp.make(inner.deserialize(topic, null, buffer.position(VALUE_OFFSET)), timestamp);
        };
    }
}
