package dev.runnel.streams.state;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One version of a key's value in a {@link VersionedKeyValueStore}: the value, the timestamp from which it is valid,
 * and, if a newer version (or a deletion) followed it, the timestamp until which it is valid (exclusive). Immutable.
 *
 * @param <V> the value type
 */
public final class VersionedRecord<V> {
    private final V value;
    private final long timestamp;
    private final OptionalLong validTo;

    /**
     * Creates a record that is valid from {@code timestamp} on, with no known end (the latest version).
     *
     * @throws NullPointerException if {@code value} is null: a deletion is no record
     */
    public VersionedRecord(V value, long timestamp) {
        this(value, timestamp, OptionalLong.empty());
    }

    /**
     * Creates a record that is valid from {@code timestamp} (inclusive) to {@code validTo} (exclusive).
     *
     * @throws NullPointerException if {@code value} is null
     */
    public VersionedRecord(V value, long timestamp, long validTo) {
        this(value, timestamp, OptionalLong.of(validTo));
    }

    private VersionedRecord(V value, long timestamp, OptionalLong validTo) {
        this.value = Objects.requireNonNull(value, "value cannot be null");
        this.timestamp = timestamp;
        this.validTo = validTo;
    }

    /** Returns the value, never {@code null}. */
    public V value() {
        return value;
    }

    /** Returns the timestamp in ms from which this version is valid. */
    public long timestamp() {
        return timestamp;
    }

    /** Returns the timestamp in ms until which this version is valid (exclusive), or empty for the latest version. */
    public Optional<Long> validTo() {
        return validTo.isPresent() ? Optional.of(validTo.getAsLong()) : Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionedRecord<?> that && timestamp == that.timestamp
            && validTo.equals(that.validTo) && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, timestamp, validTo);
    }

    @Override
    public String toString() {
        return "<" + value + ",timestamp=" + timestamp
            + (validTo.isPresent() ? ",validTo=" + validTo.getAsLong() : "") + ">";
    }
}
