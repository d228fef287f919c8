package dev.runnel.streams.state;

import java.util.Objects;

/** A value with its timestamp (ms), as kept by timestamped stores. Immutable. */
public final class ValueAndTimestamp<V> {
    private final V value;
    private final long timestamp;

    private ValueAndTimestamp(V value, long timestamp) {
        this.value = Objects.requireNonNull(value, "value");
        this.timestamp = timestamp;
    }

    /** Returns the pair, or {@code null} if {@code value} is null (a deletion). */
    public static <V> ValueAndTimestamp<V> make(V value, long timestamp) {
        return value == null ? null : new ValueAndTimestamp<>(value, timestamp);
    }

    /** Returns {@code valueAndTimestamp.value()}, or {@code null} if it is null. */
    public static <V> V getValueOrNull(ValueAndTimestamp<V> valueAndTimestamp) {
        return valueAndTimestamp == null ? null : valueAndTimestamp.value();
    }

    /** Returns the value, never null. */
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
            && value.equals(that.value);
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
