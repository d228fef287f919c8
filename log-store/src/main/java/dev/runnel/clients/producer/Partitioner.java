package dev.runnel.clients.producer;

import java.io.Closeable;
import java.util.Map;

/**
 * Chooses the partition of each record sent without an explicit partition, named by {@code partitioner.class}.
 * When no partitioner is configured the producer hashes the serialized key with murmur2, exactly as Kafka does,
 * so a key lands in the same partition number in Runnel and in Kafka; records with a null key go round-robin.
 *
 * <p>Shaped like Kafka's {@code Partitioner}, except that Runnel has no {@code Cluster}: the topic's partition
 * count is passed instead. One instance serves every thread of a producer, so implementations must be thread-safe.
 *
 * <pre>{@code
 * public final class RegionPartitioner implements Partitioner {
 *     public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
 *                          int numPartitions) {
 *         return ((Order) value).region().ordinal() % numPartitions;
 *     }
 * }
 * }</pre>
 */
public interface Partitioner extends Closeable {

    /**
     * Configures this partitioner from the producer's configuration, before the first {@code partition} call; the
     * default does nothing.
     */
    default void configure(Map<String, ?> configs) {
    }

    /**
     * Returns the partition for a record, in {@code [0, numPartitions)}; the producer rejects anything else.
     *
     * @param key the record's key, or {@code null}
     * @param keyBytes the serialized key, or {@code null} if the key is {@code null}
     * @param value the record's value, or {@code null}
     * @param valueBytes the serialized value, or {@code null} if the value is {@code null}
     * @param numPartitions the topic's current partition count, at least 1
     */
    int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, int numPartitions);

    /** Releases any resources when the producer closes; the default does nothing. */
    @Override
    default void close() {
    }
}
