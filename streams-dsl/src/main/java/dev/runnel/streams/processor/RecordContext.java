package dev.runnel.streams.processor;

import dev.runnel.common.header.Headers;

/** Where the record being processed came from; topic is {@code null} and offset -1 inside a punctuation. */
public interface RecordContext {
    /** Returns the source topic, or {@code null} inside a punctuation. */
    String topic();

    /** Returns the source partition, or -1 inside a punctuation. */
    int partition();

    /** Returns the source offset, or -1 inside a punctuation. */
    long offset();

    /** Returns the current record's timestamp in ms. */
    long timestamp();

    /** Returns the current record's headers. */
    Headers headers();

    /**
     * Returns the key of the input record being processed as it was read, before deserialization (in a sub-topology
     * after a repartition, as written to the repartition topic); {@code null} in a punctuation, for records a record
     * cache or a buffer forwards when it is flushed, and where the runtime does not know it.
     */
    byte[] sourceRawKey();

    /** Returns the value of the input record being processed as read, or {@code null} like {@link #sourceRawKey}. */
    byte[] sourceRawValue();
}
