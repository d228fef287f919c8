package dev.runnel.clients.producer;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import java.util.Objects;

/**
 * A record to send: a topic, an optional partition (otherwise chosen from the key), an optional timestamp (otherwise
 * now), headers, a key and a value, either of which may be null. A null value on a compacted topic is a tombstone.
 */
public class ProducerRecord<K, V> {
    private final String topic;
    private final Integer partition;
    private final Headers headers;
    private final K key;
    private final V value;
    private final Long timestamp;

    public ProducerRecord(String topic, Integer partition, Long timestamp, K key, V value, Iterable<Header> headers) {
        this.topic = Objects.requireNonNull(topic, "Topic cannot be null.");
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "Invalid timestamp: %d. Timestamp should always be non-negative or null.", timestamp));
        }
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "Invalid partition: %d. Partition number should always be non-negative or null.", partition));
        }
        this.partition = partition;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.headers = new RecordHeaders(headers);
    }

    public ProducerRecord(String topic, Integer partition, Long timestamp, K key, V value) {
        this(topic, partition, timestamp, key, value, null);
    }

    public ProducerRecord(String topic, Integer partition, K key, V value, Iterable<Header> headers) {
        this(topic, partition, null, key, value, headers);
    }

    public ProducerRecord(String topic, Integer partition, K key, V value) {
        this(topic, partition, null, key, value, null);
    }

    public ProducerRecord(String topic, K key, V value) {
        this(topic, null, null, key, value, null);
    }

    public ProducerRecord(String topic, V value) {
        this(topic, null, null, null, value, null);
    }

    public String topic() {
        return topic;
    }

    public Headers headers() {
        return headers;
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public Long timestamp() {
        return timestamp;
    }

    public Integer partition() {
        return partition;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProducerRecord<?, ?> that && topic.equals(that.topic)
            && Objects.equals(partition, that.partition) && Objects.equals(headers, that.headers)
            && Objects.equals(key, that.key) && Objects.equals(value, that.value)
            && Objects.equals(timestamp, that.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, headers, key, value, timestamp);
    }

    @Override
    public String toString() {
        return "ProducerRecord(topic=" + topic + ", partition=" + partition + ", headers=" + headers + ", key=" + key
            + ", value=" + value + ", timestamp=" + timestamp + ")";
    }
}
