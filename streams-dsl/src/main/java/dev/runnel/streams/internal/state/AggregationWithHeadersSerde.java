package dev.runnel.streams.internal.state;

import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.state.AggregationWithHeaders;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Serde of headers-aware session aggregates (KIP-1271): the {@link HeadersPrefix}, then the aggregate's bytes (a
 * session's window carries its times, so there is no timestamp). The aggregate serde sees the headers, and headers it
 * adds while serializing are stored too. A {@code null} pair, or one with a null aggregate, is {@code null} bytes.
 */
public final class AggregationWithHeadersSerde<AGG> implements Serde<AggregationWithHeaders<AGG>> {
    private final Serde<AGG> aggregationSerde;

    /** Wraps the aggregate serde. */
    public AggregationWithHeadersSerde(Serde<AGG> aggregationSerde) {
        this.aggregationSerde = Objects.requireNonNull(aggregationSerde, "aggregationSerde");
    }

    @Override
    public Serializer<AggregationWithHeaders<AGG>> serializer() {
        Serializer<AGG> inner = aggregationSerde.serializer();
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            // The aggregate first: a header-aware serializer may add headers, which must be stored with it.
            byte[] aggregation = inner.serialize(topic, data.headers(), data.aggregation());
            if (aggregation == null) {
                return null;
            }
            return HeadersPrefix.withPrefix(data.headers(), aggregation.length).put(aggregation).array();
        };
    }

    @Override
    public Deserializer<AggregationWithHeaders<AGG>> deserializer() {
        Deserializer<AGG> inner = aggregationSerde.deserializer();
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            Headers headers = HeadersPrefix.readPrefix(in);
            byte[] aggregation = Arrays.copyOfRange(data, in.position(), data.length);
            return AggregationWithHeaders.make(inner.deserialize(topic, headers, aggregation), headers);
        };
    }
}
