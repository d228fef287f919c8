package dev.runnel.streams.internal.state;

import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.state.ValueTimestampHeaders;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Serde of headers-aware timestamped store values (KIP-1271): the {@link HeadersPrefix}, then the payload of
 * {@link ValueAndTimestampSerde} ({@code [8-byte big-endian timestamp][value]}). The value serde sees the headers,
 * so a serde that keeps metadata in headers (a schema id) works; headers it adds while serializing are stored too.
 * A {@code null} triple, or one with a null value, is {@code null} bytes (a deletion).
 */
public final class ValueTimestampHeadersSerde<V> implements Serde<ValueTimestampHeaders<V>> {
    private final Serde<V> valueSerde;

    /** Wraps the value serde. */
    public ValueTimestampHeadersSerde(Serde<V> valueSerde) {
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** Returns the timestamp of serialized {@code data}, which follows its headers prefix. */
    public static long rawTimestamp(byte[] data) {
        return ByteBuffer.wrap(data).getLong(HeadersPrefix.payloadOffset(data));
    }

    @Override
    public Serializer<ValueTimestampHeaders<V>> serializer() {
        Serializer<V> inner = valueSerde.serializer();
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            // The value first: a header-aware serializer may add headers, which must be stored with it.
            byte[] value = inner.serialize(topic, data.headers(), data.value());
            if (value == null) {
                return null;
            }
            return HeadersPrefix.withPrefix(data.headers(), Long.BYTES + value.length)
                .putLong(data.timestamp()).put(value).array();
        };
    }

    @Override
    public Deserializer<ValueTimestampHeaders<V>> deserializer() {
        Deserializer<V> inner = valueSerde.deserializer();
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            Headers headers = HeadersPrefix.readPrefix(in);
            long timestamp = in.getLong();
            byte[] value = Arrays.copyOfRange(data, in.position(), data.length);
            return ValueTimestampHeaders.make(inner.deserialize(topic, headers, value), timestamp, headers);
        };
    }
}
