package dev.runnel.streams.processor.api;

/** The context of a {@link Processor}: forwarding plus everything of {@link ProcessingContext}. */
public interface ProcessorContext<KForward, VForward> extends ProcessingContext {
    /**
     * Sends {@code record} to every child of this processor, depth-first, before returning. The record's timestamp
     * and headers become the context of the children.
     */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record);

    /**
     * Sends {@code record} to the named child only.
     *
     * @throws dev.runnel.streams.errors.StreamsException if {@code childName} is not a child of this processor
     */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record, String childName);
}
