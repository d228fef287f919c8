package dev.runnel.streams.errors;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.processor.TaskId;

/** Where a failing record was when an exception handler is called. */
public interface ErrorHandlerContext {
    /** Returns the input topic of the record being processed, or {@code null} inside a punctuation. */
    String topic();

    /** Returns the input partition, or -1. */
    int partition();

    /** Returns the input offset, or -1. */
    long offset();

    /** Returns the input record's headers. */
    Headers headers();

    /** Returns the name of the processor node that was running (the source node for deserialization). */
    String processorNodeId();

    /** Returns the task. */
    TaskId taskId();

    /** Returns the record's timestamp in ms, or -1 if not extracted yet. */
    long timestamp();

    /**
     * Returns the input record's key as read, before deserialization, or {@code null} when there is no input record
     * (a punctuation, or a failed send, whose input record is no longer known).
     */
    byte[] sourceRawKey();

    /** Returns the input record's value as read, before deserialization, or {@code null} like {@link #sourceRawKey}. */
    byte[] sourceRawValue();
}
