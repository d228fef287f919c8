package dev.runnel.streams.processor;

import java.util.Objects;

/**
 * Where and with what timestamp {@link ProcessorContext#forward(Object, Object, To)} sends a record: to one child by
 * name or to all children, with the current record's timestamp unless {@link #withTimestamp} replaces it. Immutable.
 */
public final class To {
    /** Stands for "the current record's timestamp". */
    private static final long CURRENT_TIMESTAMP = -1L;

    private final String childName;
    private final long timestamp;

    private To(String childName, long timestamp) {
        this.childName = childName;
        this.timestamp = timestamp;
    }

    /** Forwards to the child named {@code childName} only. */
    public static To child(String childName) {
        return new To(Objects.requireNonNull(childName, "childName"), CURRENT_TIMESTAMP);
    }

    /** Forwards to all children. */
    public static To all() {
        return new To(null, CURRENT_TIMESTAMP);
    }

    /** Returns a copy that gives the forwarded record {@code timestamp} (ms). */
    public To withTimestamp(long timestamp) {
        return new To(childName, timestamp);
    }

    /** Returns the child's name, or {@code null} for all children. */
    String childName() {
        return childName;
    }

    /** Returns the timestamp, or {@code currentTimestamp} if none was set. */
    long timestampOr(long currentTimestamp) {
        return timestamp == CURRENT_TIMESTAMP ? currentTimestamp : timestamp;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof To that && timestamp == that.timestamp && Objects.equals(childName, that.childName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(childName, timestamp);
    }

    @Override
    public String toString() {
        return "To{childName='" + childName + "', timestamp=" + timestamp + "}";
    }
}
