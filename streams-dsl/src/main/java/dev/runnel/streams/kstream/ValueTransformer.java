package dev.runnel.streams.kstream;

import dev.runnel.streams.processor.ProcessorContext;

/**
 * A stateful value-by-value transformation of the old Processor API, kept so that an application ported from Kafka
 * Streams 4 that still holds such a class compiles: as in Kafka Streams 4, no DSL operation takes one any more.
 *
 * @param <V> the input value type
 * @param <VR> the result type
 * @deprecated since Kafka 4.0, as in Kafka Streams; write a
 *     {@link dev.runnel.streams.processor.api.FixedKeyProcessor} and use {@link KStream#processValues}.
 */
@Deprecated
public interface ValueTransformer<V, VR> {
    /** Called once before the first value, with the task's context. */
    void init(ProcessorContext context);

    /** Transforms one value; the result may be {@code null}. */
    VR transform(V value);

    /** Called once when the task closes. */
    void close();
}
