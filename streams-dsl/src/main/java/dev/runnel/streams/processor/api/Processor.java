package dev.runnel.streams.processor.api;

/**
 * A node of the topology that handles records one at a time and may forward any number of records.
 *
 * <p>One instance serves one task, on one thread: {@link #init} once, {@link #process} per record, {@link #close}
 * when the task closes. Exceptions thrown from {@link #process} fail the task, wrapped in a
 * {@link dev.runnel.streams.errors.StreamsException} naming the processor and the input record's position.
 */
@FunctionalInterface
public interface Processor<KIn, VIn, KOut, VOut> {
    /** Keeps the context for forwarding, store access and scheduling. */
    default void init(ProcessorContext<KOut, VOut> context) {
    }

    /** Handles one record. */
    void process(Record<KIn, VIn> record);

    /** Releases resources; stores are closed by the runtime, not here. */
    default void close() {
    }
}
