package dev.runnel.streams.test;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.header.Headers;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import java.time.Instant;
import java.util.Objects;

/**
 * A record piped into a {@code TestInputTopic} or read from a {@code TestOutputTopic}: key, value, headers and record
 * time. A {@code null} record time means "use the input topic's current time". Headers are copied; compared by
 * content.
 */
public class TestRecord<K, V> {
    private final Headers headers;
    private final K key;
    private final V value;
    private final Instant recordTime;

    /** Creates a record; headers may be {@code null}, recordTime may be {@code null}. */
    public TestRecord(K key, V value, Headers headers, Instant recordTime) {
        this.key = key;
        this.value = value;
        this.headers = StreamsHeaders.copyOf(headers);
        this.recordTime = recordTime;
    }

    /**
     * Creates a record with a timestamp in ms, or {@code null} for none.
     *
     * @throws IllegalArgumentException if {@code timestampMs} is negative
     */
    public TestRecord(K key, V value, Headers headers, Long timestampMs) {
        this(key, value, headers, toInstant(timestampMs));
    }

    private static Instant toInstant(Long timestampMs) {
        if (timestampMs == null) {
            return null;
        }
        if (timestampMs < 0) {
            throw new IllegalArgumentException("Invalid timestamp: " + timestampMs
                + ". Timestamp should always be non-negative or null.");
        }
        return Instant.ofEpochMilli(timestampMs);
    }

    /** Creates a record without headers. */
    public TestRecord(K key, V value, Instant recordTime) {
        this(key, value, null, recordTime);
    }

    /** Creates a record without record time. */
    public TestRecord(K key, V value, Headers headers) {
        this(key, value, headers, (Instant) null);
    }

    /** Creates a record without headers and record time. */
    public TestRecord(K key, V value) {
        this(key, value, null, (Instant) null);
    }

    /** Creates a record with a {@code null} key. */
    public TestRecord(V value) {
        this(null, value);
    }

    /** Creates a record from a consumer record. */
    public TestRecord(ConsumerRecord<K, V> record) {
        this(Objects.requireNonNull(record, "record").key(), record.value(), record.headers(),
            Instant.ofEpochMilli(record.timestamp()));
    }

    /** Creates a record from a producer record. */
    public TestRecord(ProducerRecord<K, V> record) {
        this(Objects.requireNonNull(record, "record").key(), record.value(), record.headers(), record.timestamp());
    }

    /** Returns the headers. */
    public Headers headers() {
        return headers;
    }

    /** Returns the key. */
    public K key() {
        return key;
    }

    /** Returns the value. */
    public V value() {
        return value;
    }

    /** Returns the timestamp in ms, or {@code null}. */
    public Long timestamp() {
        return recordTime == null ? null : recordTime.toEpochMilli();
    }

    /** Returns the headers. */
    public Headers getHeaders() {
        return headers;
    }

    /** Returns the key. */
    public K getKey() {
        return key;
    }

    /** Returns the value. */
    public V getValue() {
        return value;
    }

    /** Returns the record time, or {@code null}. */
    public Instant getRecordTime() {
        return recordTime;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TestRecord<?, ?> that)) {
            return false;
        }
        return Objects.equals(headers, that.headers) && Objects.equals(key, that.key)
            && Objects.equals(value, that.value) && Objects.equals(recordTime, that.recordTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headers, key, value, recordTime);
    }

    @Override
    public String toString() {
        return "TestRecord[key=" + key + ", value=" + value + ", headers=" + headers + ", recordTime=" + recordTime
            + "]";
    }
}
