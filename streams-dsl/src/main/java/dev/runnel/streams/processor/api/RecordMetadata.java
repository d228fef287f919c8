package dev.runnel.streams.processor.api;

/** The input position of the record being processed. */
public interface RecordMetadata {
    /** Returns the input topic, or {@code null} inside a punctuation. */
    String topic();

    /** Returns the input partition, or -1 inside a punctuation. */
    int partition();

    /** Returns the input offset, or -1 inside a punctuation. */
    long offset();
}
