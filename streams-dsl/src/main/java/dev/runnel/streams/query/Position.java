package dev.runnel.streams.query;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How far a store has read its inputs: per topic and partition, the offset of the last record it applied. An active
 * task's stores are at its position: per input partition, the offset of the last record the task processed (all its
 * stores, record caches included, reflect it). Standby and global stores report the empty position. Immutable
 * (unlike Kafka's, whose {@code withComponent} mutates): each {@code with}/{@code merge} returns a new instance.
 */
public final class Position {
    private static final Position EMPTY = new Position(Map.of());

    private final Map<String, Map<Integer, Long>> offsets;

    private Position(Map<String, Map<Integer, Long>> offsets) {
        this.offsets = offsets;
    }

    /** Returns the position that covers no input. */
    public static Position emptyPosition() {
        return EMPTY;
    }

    /** Returns the position with the given offsets, by topic then partition; the map is copied. */
    public static Position fromMap(Map<String, ? extends Map<Integer, Long>> offsets) {
        Position position = EMPTY;
        for (Map.Entry<String, ? extends Map<Integer, Long>> topic : offsets.entrySet()) {
            for (Map.Entry<Integer, Long> partition : topic.getValue().entrySet()) {
                position = position.withComponent(topic.getKey(), partition.getKey(), partition.getValue());
            }
        }
        return position;
    }

    /**
     * Returns this position with {@code topic}'s {@code partition} at {@code offset}, or at the offset it has there if
     * that is larger: as in Kafka Streams, a position only moves forward.
     */
    public Position withComponent(String topic, int partition, long offset) {
        Objects.requireNonNull(topic, "topic");
        Long current = getPartitionPositions(topic).get(partition);
        if (current != null && current >= offset) {
            return this;
        }
        Map<String, Map<Integer, Long>> copy = new TreeMap<>(offsets);
        Map<Integer, Long> partitions = new TreeMap<>(copy.getOrDefault(topic, Map.of()));
        partitions.put(partition, offset);
        copy.put(topic, Collections.unmodifiableMap(partitions));
        return new Position(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns a position equal to this one. As positions are immutable here, any instance is already a snapshot;
     * this exists for code written against Kafka, whose positions are mutable.
     */
    public Position copy() {
        return new Position(offsets);
    }

    /**
     * Returns the position covering both: per topic and partition, the larger offset; this one for a {@code null}
     * {@code other}, as in Kafka Streams.
     */
    public Position merge(Position other) {
        if (other == null) {
            return this;
        }
        Position merged = this;
        for (String topic : other.getTopics()) {
            for (Map.Entry<Integer, Long> partition : other.getPartitionPositions(topic).entrySet()) {
                merged = merged.withComponent(topic, partition.getKey(), partition.getValue());
            }
        }
        return merged;
    }

    /** Returns whether this position has reached every offset of {@code bound} (true for an empty bound). */
    boolean dominates(Position bound) {
        for (String topic : bound.getTopics()) {
            for (Map.Entry<Integer, Long> partition : bound.getPartitionPositions(topic).entrySet()) {
                Long mine = getPartitionPositions(topic).get(partition.getKey());
                if (mine == null || mine < partition.getValue()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Returns the topics this position covers. */
    public Set<String> getTopics() {
        return offsets.keySet();
    }

    /** Returns the offset per partition of {@code topic}, empty if it is not covered. */
    public Map<Integer, Long> getPartitionPositions(String topic) {
        return offsets.getOrDefault(topic, Map.of());
    }

    /** Returns whether this position covers no input. */
    public boolean isEmpty() {
        return offsets.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Position position && offsets.equals(position.offsets);
    }

    @Override
    public int hashCode() {
        return offsets.hashCode();
    }

    @Override
    public String toString() {
        return "Position{position=" + offsets + "}";
    }
}
