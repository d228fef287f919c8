package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.Map;
import java.util.Set;

/**
 * Thrown by {@code poll} under {@code auto.offset.reset=none} when a partition's fetch position lies outside its log
 * (before the log start after retention, or after the end), as Kafka's consumer does.
 */
public class OffsetOutOfRangeException extends InvalidOffsetException {
    private final Map<TopicPartition, Long> offsetOutOfRangePartitions;

    public OffsetOutOfRangeException(Map<TopicPartition, Long> offsetOutOfRangePartitions) {
        this("Offsets out of range with no configured reset policy for partitions: " + offsetOutOfRangePartitions,
            offsetOutOfRangePartitions);
    }

    public OffsetOutOfRangeException(String message, Map<TopicPartition, Long> offsetOutOfRangePartitions) {
        super(message);
        this.offsetOutOfRangePartitions = Map.copyOf(offsetOutOfRangePartitions);
    }

    /** Returns each partition with the fetch position that was out of range. */
    public Map<TopicPartition, Long> offsetOutOfRangePartitions() {
        return offsetOutOfRangePartitions;
    }

    @Override
    public Set<TopicPartition> partitions() {
        return offsetOutOfRangePartitions.keySet();
    }
}
