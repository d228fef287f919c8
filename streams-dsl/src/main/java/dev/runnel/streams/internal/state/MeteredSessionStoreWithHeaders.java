package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.AggregationWithHeaders;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.SessionStoreWithHeaders;

/** The typed layer of a headers-aware session store: aggregates are stored with {@link AggregationWithHeadersSerde}. */
public final class MeteredSessionStoreWithHeaders<K, AGG>
    extends MeteredSessionStore<K, AggregationWithHeaders<AGG>> implements SessionStoreWithHeaders<K, AGG> {

    /** Wraps the bytes store; {@code aggregationSerde} is the serde of the plain aggregates, or {@code null}. */
    public MeteredSessionStoreWithHeaders(SessionStore<Bytes, byte[]> wrapped, Serde<K> keySerde,
        Serde<AGG> aggregationSerde, String metricsScope) {
        super(wrapped, keySerde, aggregationSerde, metricsScope);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Serde<AggregationWithHeaders<AGG>> valueSerde(Serde<?> userValueSerde) {
        return new AggregationWithHeadersSerde<>((Serde<AGG>) userValueSerde);
    }
}
