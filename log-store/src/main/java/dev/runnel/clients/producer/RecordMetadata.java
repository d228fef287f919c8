package dev.runnel.clients.producer;

import dev.runnel.common.TopicPartition;

/** Where a sent record landed: its partition, offset (-1 with {@code acks=0}) and timestamp. */
public final class RecordMetadata {
    public static final int UNKNOWN_PARTITION = -1;

    private final TopicPartition topicPartition;
    private final long offset;
    private final long timestamp;
    private final int serializedKeySize;
    private final int serializedValueSize;

    public RecordMetadata(TopicPartition topicPartition, long offset, long timestamp, int serializedKeySize,
                          int serializedValueSize) {
        this.topicPartition = topicPartition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.serializedKeySize = serializedKeySize;
        this.serializedValueSize = serializedValueSize;
    }

    public boolean hasOffset() {
        return offset >= 0;
    }

    public long offset() {
        return offset;
    }

    public boolean hasTimestamp() {
        return timestamp >= 0;
    }

    /** The record's create time, or the log's append time on a LogAppendTime topic. */
    public long timestamp() {
        return timestamp;
    }

    /** The key's size in bytes, -1 for a null key. */
    public int serializedKeySize() {
        return serializedKeySize;
    }

    public int serializedValueSize() {
        return serializedValueSize;
    }

    public String topic() {
        return topicPartition.topic();
    }

    public int partition() {
        return topicPartition.partition();
    }

    @Override
    public String toString() {
        return topicPartition + "@" + offset;
    }
}
