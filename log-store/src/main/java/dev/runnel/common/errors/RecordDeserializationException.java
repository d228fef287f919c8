package dev.runnel.common.errors;

import dev.runnel.common.TopicPartition;

/**
 * A fetched record's key or value could not be deserialized. The consumer's position stays at the record, so the
 * same poll fails again until the application seeks past it ({@code offset() + 1}).
 */
public class RecordDeserializationException extends SerializationException {
    private final TopicPartition partition;
    private final long offset;

    public RecordDeserializationException(TopicPartition partition, long offset, String message, Throwable cause) {
        super(message, cause);
        this.partition = partition;
        this.offset = offset;
    }

    public TopicPartition topicPartition() {
        return partition;
    }

    public long offset() {
        return offset;
    }
}
