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
    private static final PositionBound UNBOUNDED = new PositionBound(Position.emptyPosition());

    private final Position position;

    private PositionBound(Position position) {
        this.position = position;
    }

    /** Returns the bound every store meets: the bound at the empty position, as in Kafka Streams. */
    public static PositionBound unbounded() {
        return UNBOUNDED;
    }

    /** Returns the bound met by stores whose position has reached {@code position}. */
    public static PositionBound at(Position position) {
        return new PositionBound(Objects.requireNonNull(position, "position"));
    }

    /** Returns whether every store meets this bound: whether its position is empty. */
    public boolean isUnbounded() {
        return position.isEmpty();
    }

    /** Returns the position a store must have reached; empty if the bound is {@link #unbounded()}. */
    public Position position() {
        return position;
    }

    /** Returns whether a store at {@code current} meets this bound. */
    public boolean isMetBy(Position current) {
        return current.dominates(position);
    }

    /**
     * Returns whether a store of {@code partition} at {@code current} meets this bound, as Kafka checks it: for each
     * topic, only the bound's offset for that partition counts, and the store must have reached it.
     */
    public boolean isMetBy(Position current, int partition) {
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
        return other instanceof PositionBound bound && position.equals(bound.position);
    }

    @Override
    public int hashCode() {
        return position.hashCode();
    }

    @Override
    public String toString() {
        return "PositionBound{position=" + position + "}";
    }
}
