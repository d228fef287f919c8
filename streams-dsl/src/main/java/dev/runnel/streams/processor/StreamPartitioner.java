package dev.runnel.streams.processor;

import java.util.Optional;
import java.util.Set;

/** Chooses the partition(s) of an output record, instead of the producer's hash of the serialized key. */
@FunctionalInterface
public interface StreamPartitioner<K, V> {
    /**
     * Returns the partition to send the record to, or {@code null} to let the producer's partitioner decide.
     *
     * @param numPartitions the number of partitions of {@code topic}
     */
    Integer partition(String topic, K key, V value, int numPartitions);

    /**
     * Returns the partitions to send the record to: empty to let the producer decide, an empty set to drop the
     * record, several to multicast it. The default wraps {@link #partition}.
     */
    default Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
        Integer partition = partition(topic, key, value, numPartitions);
        return partition == null ? Optional.empty() : Optional.of(Set.of(partition));
    }
}
