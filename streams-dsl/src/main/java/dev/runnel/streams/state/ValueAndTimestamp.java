package dev.runnel.streams.state;

import java.util.Objects;

/**
 * A value with its timestamp (ms), as kept by timestamped stores. The value is never {@code null}, except in a pair
 * made by {@link #makeAllowNullable} (a deletion that keeps its timestamp). Immutable.
 */
public final class ValueAndTimestamp<V> {
    private final V value;
    private final long timestamp;

    private ValueAndTimestamp(V value, long timestamp) {
        this.value = value;
        this.timestamp = timestamp;
    }

    /** Returns the pair, or {@code null} if {@code value} is null (a deletion). */
    public static <V> ValueAndTimestamp<V> make(V value, long timestamp) {
        return value == null ? null : new ValueAndTimestamp<>(value, timestamp);
    }

    /** Returns the pair even if {@code value} is null, for a deletion that must keep its timestamp. */
    public static <V> ValueAndTimestamp<V> makeAllowNullable(V value, long timestamp) {
        return new ValueAndTimestamp<>(value, timestamp);
    }

    /** Returns {@code valueAndTimestamp.value()}, or {@code null} if it is null. */
    public static <V> V getValueOrNull(ValueAndTimestamp<V> valueAndTimestamp) {
        return valueAndTimestamp == null ? null : valueAndTimestamp.value();
    }

    /** Returns the value; null only in a pair made by {@link #makeAllowNullable}. */
    public V value() {
        return value;
    }

    /** Returns the timestamp in ms. */
    public long timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueAndTimestamp<?> that && timestamp == that.timestamp
            && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, timestamp);
    }

    @Override
    public String toString() {
        return "<" + value + "," + timestamp + ">";
    }
}
