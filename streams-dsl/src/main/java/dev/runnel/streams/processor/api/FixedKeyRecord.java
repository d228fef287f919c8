package dev.runnel.streams.processor.api;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import java.util.Objects;

/**
 * A record whose key a {@link FixedKeyProcessor} cannot change. Only the runtime creates these (from the input
 * {@link Record}); {@code withX} returns new instances, as for {@link Record}.
 */
public final class FixedKeyRecord<K, V> {
    private final K key;
    private final V value;
    private final long timestamp;
    private final Headers headers;

    FixedKeyRecord(K key, V value, long timestamp, Headers headers) {
        Record.requireValidTimestamp(timestamp);
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers;
    }

    /** Returns the key. */
    public K key() {
        return key;
    }

    /** Returns the value. */
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

    /** Returns a copy with another value. */
    public <NewV> FixedKeyRecord<K, NewV> withValue(NewV newValue) {
        return new FixedKeyRecord<>(key, newValue, timestamp, StreamsHeaders.copyOf(headers));
    }

    /** Returns a copy with another timestamp, which must not be negative. */
    public FixedKeyRecord<K, V> withTimestamp(long newTimestamp) {
        return new FixedKeyRecord<>(key, value, newTimestamp, StreamsHeaders.copyOf(headers));
    }

    /** Returns a copy with other headers (copied). */
    public FixedKeyRecord<K, V> withHeaders(Headers newHeaders) {
        return new FixedKeyRecord<>(key, value, timestamp, StreamsHeaders.copyOf(newHeaders));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FixedKeyRecord<?, ?> that && timestamp == that.timestamp
            && Objects.equals(key, that.key) && Objects.equals(value, that.value)
            && Objects.equals(headers, that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, timestamp, headers);
    }

    @Override
    public String toString() {
        return "FixedKeyRecord{key=" + key + ", value=" + value + ", timestamp=" + timestamp + ", headers="
            + headers + "}";
    }
}
