package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.Collection;
import java.util.Set;

/** Thrown by {@code poll} under {@code auto.offset.reset=none} when a partition has no position to read from. */
public class NoOffsetForPartitionException extends InvalidOffsetException {
    private final Set<TopicPartition> partitions;

    public NoOffsetForPartitionException(TopicPartition partition) {
        this(Set.of(partition));
    }

    public NoOffsetForPartitionException(Collection<TopicPartition> partitions) {
        super("Undefined offset with no reset policy for " + (partitions.size() == 1 ? "partition: "
            + partitions.iterator().next() : "partitions: " + partitions)
            + "; seek to an offset or set auto.offset.reset to earliest or latest");
        this.partitions = Set.copyOf(partitions);
    }

    @Override
    public Set<TopicPartition> partitions() {
        return partitions;
    }
}
