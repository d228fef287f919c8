package dev.runnel.streams.processor.api;

/**
 * A processor that may change values, timestamps and headers but never keys, so a downstream grouping or join needs
 * no repartitioning. Lifecycle and threading as {@link Processor}.
 */
@FunctionalInterface
public interface FixedKeyProcessor<KIn, VIn, VOut> {
    /** Keeps the context for forwarding, store access and scheduling. */
    default void init(FixedKeyProcessorContext<KIn, VOut> context) {
    }

    /** Handles one record. */
    void process(FixedKeyRecord<KIn, VIn> record);

    /** Releases resources. */
    default void close() {
    }
}
