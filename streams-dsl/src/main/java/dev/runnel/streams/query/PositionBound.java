package dev.runnel.streams.query;

import java.util.Objects;

/**
 * How up to date a store partition must be to answer a query: {@link #unbounded()} (any state), or
 * {@link #at(Position)} (at least that position: for each topic, the offset the bound gives for the store's own
 * partition, as Kafka checks it). A partition behind the bound answers {@link FailureReason#NOT_UP_TO_BOUND}; standby
 * and global stores report the empty position, so they meet only bounds that say nothing of their partition.
 * Immutable.
 */
public final class PositionBound {
    private static final PositionBound UNBOUNDED = new PositionBound(null);

    private final Position position;

    private PositionBound(Position position) {
        this.position = position;
    }

    /** Returns the bound every store meets. */
    public static PositionBound unbounded() {
        return UNBOUNDED;
    }

    /** Returns the bound met by stores whose position has reached {@code position}. */
    public static PositionBound at(Position position) {
        return new PositionBound(Objects.requireNonNull(position, "position"));
    }

    /** Returns whether every store meets this bound. */
    public boolean isUnbounded() {
        return position == null;
    }

    /**
     * Returns the position a store must have reached.
     *
     * @throws IllegalArgumentException if this bound is {@link #unbounded()}
     */
    public Position position() {
        if (position == null) {
            throw new IllegalArgumentException("Cannot get the position of an unbounded PositionBound");
        }
        return position;
    }

    /** Returns whether a store at {@code current} meets this bound. */
    public boolean isMetBy(Position current) {
        return position == null || current.dominates(position);
    }

    /**
     * Returns whether a store of {@code partition} at {@code current} meets this bound, as Kafka checks it: for each
     * topic, only the bound's offset for that partition counts, and the store must have reached it.
     */
    public boolean isMetBy(Position current, int partition) {
        if (position == null) {
            return true;
        }
        for (String topic : position.getTopics()) {
            Long bound = position.getPartitionPositions(topic).get(partition);
            Long reached = current.getPartitionPositions(topic).get(partition);
            if (bound != null && (reached == null || reached < bound)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PositionBound bound && Objects.equals(position, bound.position);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(position);
    }

    @Override
    public String toString() {
        return position == null ? "PositionBound{unbounded}" : "PositionBound{position=" + position + "}";
    }
}
