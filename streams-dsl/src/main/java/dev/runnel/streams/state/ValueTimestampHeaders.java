package dev.runnel.streams.state;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import java.util.Objects;

/**
 * A value with its timestamp (ms) and the record headers it came with, as kept by
 * {@link TimestampedKeyValueStoreWithHeaders} (KIP-1271). The value is never {@code null}, except in one made by
 * {@link #makeAllowNullable}; the headers are never {@code null} (none given means empty headers), and compare by
 * their keys and values whatever their class. The headers are held as given, not copied: the store serializes them
 * on put, so later changes to them do not reach the store.
 */
public final class ValueTimestampHeaders<V> {
    private final V value;
    private final long timestamp;
    private final Headers headers;

    private ValueTimestampHeaders(V value, long timestamp, Headers headers) {
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers == null ? new StreamsHeaders() : headers;
    }

    /** Returns the triple, or {@code null} if {@code value} is null (a deletion); null headers mean none. */
    public static <V> ValueTimestampHeaders<V> make(V value, long timestamp, Headers headers) {
        return value == null ? null : new ValueTimestampHeaders<>(value, timestamp, headers);
    }

    /** Returns the triple even if {@code value} is null; null headers mean none. */
    public static <V> ValueTimestampHeaders<V> makeAllowNullable(V value, long timestamp, Headers headers) {
        return new ValueTimestampHeaders<>(value, timestamp, headers);
    }

    /** Returns {@code valueTimestampHeaders.value()}, or {@code null} if it is null. */
    public static <V> V getValueOrNull(ValueTimestampHeaders<V> valueTimestampHeaders) {
        return valueTimestampHeaders == null ? null : valueTimestampHeaders.value();
    }

    /** Returns the value; null only in one made by {@link #makeAllowNullable}. */
    public V value() {
        return value;
    }

    /** Returns the timestamp in ms. */
    public long timestamp() {
        return timestamp;
    }

    /** Returns the headers, empty if there were none. */
    public Headers headers() {
        return headers;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueTimestampHeaders<?> that && timestamp == that.timestamp
            && Objects.equals(value, that.value) && StreamsHeaders.sameContent(headers, that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, timestamp, StreamsHeaders.contentHash(headers));
    }

    @Override
    public String toString() {
        return "<" + value + "," + timestamp + "," + headers + ">";
    }
}
