package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidOffsetException;
import java.util.Set;

/** Thrown by {@code poll} under {@code auto.offset.reset=none} when a partition has no position to read from. */
public class NoOffsetForPartitionException extends InvalidOffsetException {
    private final Set<TopicPartition> partitions;

    public NoOffsetForPartitionException(TopicPartition partition) {
        super("Undefined offset with no reset policy for partition: " + partition
            + "; seek to an offset or set auto.offset.reset to earliest or latest");
        this.partitions = Set.of(partition);
    }

    public Set<TopicPartition> partitions() {
        return partitions;
    }
}
