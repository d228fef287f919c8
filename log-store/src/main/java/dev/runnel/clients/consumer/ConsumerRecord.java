package dev.runnel.clients.consumer;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.record.TimestampType;
import java.util.Optional;

/** A record read from a partition: where it is, when it was made, and its deserialized key, value and headers. */
public class ConsumerRecord<K, V> {
    public static final long NO_TIMESTAMP = -1L;
    public static final int NULL_SIZE = -1;
    private static final Header[] NO_HEADERS = new Header[0];

    private final String topic;
    private final int partition;
    private final long offset;
    private final long timestamp;
    private final TimestampType timestampType;
    private final int serializedKeySize;
    private final int serializedValueSize;
    private final K key;
    private final V value;
    private final Optional<Integer> leaderEpoch;
    private Header[] headerArray;
    private Headers headers;

    public ConsumerRecord(String topic, int partition, long offset, long timestamp, TimestampType timestampType,
                          int serializedKeySize, int serializedValueSize, K key, V value, Headers headers,
                          Optional<Integer> leaderEpoch) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.timestampType = timestampType;
        this.serializedKeySize = serializedKeySize;
        this.serializedValueSize = serializedValueSize;
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.leaderEpoch = leaderEpoch;
    }

    public ConsumerRecord(String topic, int partition, long offset, K key, V value) {
        this(topic, partition, offset, NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, NULL_SIZE, NULL_SIZE, key, value,
            new RecordHeaders(), Optional.empty());
    }

    /** The fetch path's constructor: headers stay an array until someone asks for them. */
    ConsumerRecord(String topic, int partition, long offset, long timestamp, TimestampType timestampType,
                   int serializedKeySize, int serializedValueSize, K key, V value, Header[] headers) {
        this(topic, partition, offset, timestamp, timestampType, serializedKeySize, serializedValueSize, key, value,
            null, Optional.empty());
        this.headerArray = headers;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    /** The key's size in bytes before deserialization, -1 for a null key. */
    public int serializedKeySize() {
        return serializedKeySize;
    }

    public int serializedValueSize() {
        return serializedValueSize;
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public Headers headers() {
        if (headers == null) {
            headers = new RecordHeaders(headerArray == null ? NO_HEADERS : headerArray);
        }
        return headers;
    }

    public Optional<Integer> leaderEpoch() {
        return leaderEpoch;
    }

    @Override
    public String toString() {
        return "ConsumerRecord(topic = " + topic + ", partition = " + partition + ", offset = " + offset + ", "
            + timestampType + " = " + timestamp + ", serialized key size = " + serializedKeySize
            + ", serialized value size = " + serializedValueSize + ", headers = " + headers() + ", key = " + key
            + ", value = " + value + ")";
    }
}
