package dev.runnel.streams.processor.api;

/** The context of a {@link FixedKeyProcessor}: it can forward only records whose key it did not change. */
public interface FixedKeyProcessorContext<KForward, VForward> extends ProcessingContext {
    /** Sends {@code record} to every child of this processor; see {@link ProcessorContext#forward(Record)}. */
    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record);

    /** Sends {@code record} to the named child only. */
    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record, String childName);
}
