package dev.runnel.clients.producer;

import dev.runnel.common.Cluster;
import dev.runnel.common.Configurable;
import java.io.Closeable;
import java.util.Map;

/**
 * Chooses the partition of each record sent without an explicit partition, named by {@code partitioner.class}.
 * When no partitioner is configured the producer hashes the serialized key with murmur2, exactly as Kafka does,
 * so a key lands in the same partition number in Runnel and in Kafka; records with a null key go round-robin.
 *
 * <p>Kafka's {@code Partitioner}, so custom partitioners port unchanged: the {@link Cluster} holds the topics the
 * producer has sent to; on the embedded log every partition is available. The producer builds it once per metadata
 * change, not per record. One instance serves every thread of a producer, so implementations must be thread-safe.
 *
 * <pre>{@code
 * public final class RegionPartitioner implements Partitioner {
 *     public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
 *                          Cluster cluster) {
 *         return ((Order) value).region().ordinal() % cluster.partitionCountForTopic(topic);
 *     }
 * }
 * }</pre>
 */
public interface Partitioner extends Configurable, Closeable {

    /**
     * Configures this partitioner from the producer's configuration, before the first {@code partition} call; the
     * default does nothing.
     */
    @Override
    default void configure(Map<String, ?> configs) {
    }

    /**
     * Returns the partition for a record, in {@code [0, partition count)}; the producer rejects anything else.
     *
     * @param key the record's key, or {@code null}
     * @param keyBytes the serialized key, or {@code null} if the key is {@code null}
     * @param value the record's value, or {@code null}
     * @param valueBytes the serialized value, or {@code null} if the value is {@code null}
     * @param cluster the producer's current view of the topics, including {@code topic}
     */
    int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster);

    /** Releases any resources when the producer closes; the default does nothing. */
    @Override
    default void close() {
    }
}
