package dev.runnel.streams.kstream;

import dev.runnel.streams.processor.ConnectedStoreProvider;

/**
 * Creates a {@link ValueTransformer} per task; kept, as Kafka Streams 4 keeps it, for applications that still hold
 * one.
 *
 * @param <V> the input value type
 * @param <VR> the result type
 * @deprecated since Kafka 4.0, as in Kafka Streams; use a
 *     {@link dev.runnel.streams.processor.api.FixedKeyProcessorSupplier}.
 */
@Deprecated
@FunctionalInterface
public interface ValueTransformerSupplier<V, VR> extends ConnectedStoreProvider {
    /** Returns a new transformer. */
    ValueTransformer<V, VR> get();
}
