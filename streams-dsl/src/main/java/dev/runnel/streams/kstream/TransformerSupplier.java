package dev.runnel.streams.kstream;

import dev.runnel.streams.processor.ConnectedStoreProvider;
import java.util.function.Supplier;

/**
 * Creates a {@link Transformer} per task; kept, as Kafka Streams 4 keeps it, for applications that still hold one.
 *
 * @param <K> the input key type
 * @param <V> the input value type
 * @param <R> the result type
 * @deprecated since Kafka 4.0, as in Kafka Streams; use a
 *     {@link dev.runnel.streams.processor.api.ProcessorSupplier}.
 */
@Deprecated
public interface TransformerSupplier<K, V, R> extends ConnectedStoreProvider, Supplier<Transformer<K, V, R>> {
    /** Returns a new transformer. */
    @Override
    Transformer<K, V, R> get();
}
