package dev.runnel.streams.processor;

import java.util.Optional;
import java.util.Set;

/**
 * Chooses the partition(s) of an output record, instead of the producer's hash of the serialized key, as Kafka 4's
 * (whose {@code Integer partition(...)} of KIP-837's time is gone).
 */
@FunctionalInterface
public interface StreamPartitioner<K, V> {
    /**
     * Returns the partitions to send the record to: empty to let the producer decide, an empty set to drop the
     * record, several to send it to each of them (multicast).
     *
     * @param numPartitions the number of partitions of {@code topic}; each partition returned is below it
     */
    Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions);
}
