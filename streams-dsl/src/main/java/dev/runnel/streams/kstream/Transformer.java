package dev.runnel.streams.kstream;

import dev.runnel.streams.processor.ProcessorContext;

/**
 * A stateful record-by-record transformation of the old Processor API, kept so that an application ported from Kafka
 * Streams 4 that still holds such a class compiles: as in Kafka Streams 4, no DSL operation takes one any more.
 *
 * @param <K> the input key type
 * @param <V> the input value type
 * @param <R> the result type
 * @deprecated since Kafka 4.0, as in Kafka Streams; write a {@link dev.runnel.streams.processor.api.Processor} and
 *     use {@link KStream#process}.
 */
@Deprecated
public interface Transformer<K, V, R> {
    /** Called once before the first record, with the task's context. */
    void init(ProcessorContext context);

    /** Transforms one record; the result may be {@code null}. */
    R transform(K key, V value);

    /** Called once when the task closes. */
    void close();
}
