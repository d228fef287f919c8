package dev.runnel.streams.processor.api;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import java.util.Objects;

/**
 * A record flowing through the processor API: key, value, timestamp (ms) and headers. Immutable in key, value and
 * timestamp: each {@code withX} returns a new record. The headers are copied on construction and by each
 * {@code withX}, as in Kafka Streams; they can be mutated in place, which affects only this record (and the children
 * it is forwarded to as it is).
 */
public final class Record<K, V> {
    private final K key;
    private final V value;
    private final long timestamp;
    private final Headers headers;

    /**
     * Creates a record; {@code headers} may be {@code null} (no headers) and are copied.
     *
     * @throws dev.runnel.streams.errors.StreamsException if {@code timestamp} is negative
     */
    public Record(K key, V value, long timestamp, Headers headers) {
        this(key, value, timestamp, StreamsHeaders.copyOf(headers), true);
    }

    /** Creates a record without headers. */
    public Record(K key, V value, long timestamp) {
        this(key, value, timestamp, null);
    }

    /** The runtime's conversion from a fixed-key record, whose headers (already a copy) the record takes over. */
    static <K, V> Record<K, V> sharingHeaders(K key, V value, long timestamp, Headers headers) {
        return new Record<>(key, value, timestamp, headers, false);
    }

    private Record(K key, V value, long timestamp, Headers headers, boolean validate) {
        if (validate) {
            requireValidTimestamp(timestamp);
        }
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers;
    }

    /** Refuses a negative timestamp as Kafka Streams does; shared with {@link FixedKeyRecord}. */
    static void requireValidTimestamp(long timestamp) {
        if (timestamp < 0) {
            throw new dev.runnel.streams.errors.StreamsException("Malformed Record",
                new IllegalArgumentException("Timestamp may not be negative. Got: " + timestamp));
        }
    }

    /** Returns the key, possibly {@code null}. */
    public K key() {
        return key;
    }

    /** Returns the value, possibly {@code null}. */
    public V value() {
        return value;
    }

    /** Returns the timestamp in ms. */
    public long timestamp() {
        return timestamp;
    }

    /** Returns the headers, never {@code null}. */
    public Headers headers() {
        return headers;
    }

    /** Returns a copy with another key. */
    public <NewK> Record<NewK, V> withKey(NewK newKey) {
        return new Record<>(newKey, value, timestamp, StreamsHeaders.copyOf(headers), false);
    }

    /** Returns a copy with another value. */
    public <NewV> Record<K, NewV> withValue(NewV newValue) {
        return new Record<>(key, newValue, timestamp, StreamsHeaders.copyOf(headers), false);
    }

    /** Returns a copy with another timestamp, which must not be negative. */
    public Record<K, V> withTimestamp(long newTimestamp) {
        return new Record<>(key, value, newTimestamp, StreamsHeaders.copyOf(headers), true);
    }

    /** Returns a copy with other headers (copied). */
    public Record<K, V> withHeaders(Headers newHeaders) {
        return new Record<>(key, value, timestamp, StreamsHeaders.copyOf(newHeaders), false);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Record<?, ?> that && timestamp == that.timestamp && Objects.equals(key, that.key)
            && Objects.equals(value, that.value) && Objects.equals(headers, that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, timestamp, headers);
    }

    @Override
    public String toString() {
        return "Record{key=" + key + ", value=" + value + ", timestamp=" + timestamp + ", headers=" + headers + "}";
    }
}
