package dev.runnel.streams.internal.runtime;

import dev.runnel.common.header.Header;
import java.nio.charset.StandardCharsets;

/**
 * The records and bytes one node of a task consumed from, or produced to, one topic: Kafka Streams' {@code
 * stream-topic-metrics} (KIP-846). A record's size is counted as Kafka counts it: key and value bytes, 8 for the
 * timestamp, 8 for the offset, 4 for the partition, the topic name's UTF-8 bytes, and the headers' keys and values.
 * One thread adds at a time (a stream thread, or callbacks holding the object's monitor); metrics read without a lock,
 * as the runtime's other counters are read.
 */
final class TopicTraffic {
    private final int fixedBytes;
    private long records;
    private long bytes;

    TopicTraffic(String topic) {
        this.fixedBytes = 8 + 8 + 4 + topic.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Counts one record of {@code keyBytes} and {@code valueBytes} with {@code headers}. */
    void add(long keyBytes, long valueBytes, Header[] headers) {
        long size = keyBytes + valueBytes + fixedBytes;
        for (Header header : headers) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length;
            if (header.value() != null) {
                size += header.value().length;
            }
        }
        records++;
        bytes += size;
    }

    long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }
}
