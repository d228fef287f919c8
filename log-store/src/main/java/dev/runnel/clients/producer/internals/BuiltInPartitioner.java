package dev.runnel.clients.producer.internals;

import dev.runnel.clients.producer.Partitioner;
import dev.runnel.common.Cluster;
import dev.runnel.common.utils.Utils;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The producer's default partitioner: keyed records go to {@link #partitionForKey}, Kafka's murmur2 partition, and
 * records with a null key go round-robin per topic ({@link #nextPartition}). Thread-safe.
 */
public final class BuiltInPartitioner implements Partitioner {
    private final ConcurrentMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    /**
     * Returns the partition Kafka assigns to {@code serializedKey} among {@code numPartitions}:
     * {@code toPositive(murmur2(serializedKey)) % numPartitions}.
     */
    public static int partitionForKey(byte[] serializedKey, int numPartitions) {
        Objects.requireNonNull(serializedKey, "serializedKey");
        requirePartitions(numPartitions);
        // Any hash modulo 1 is 0: a single-partition topic (a typical repartition topic here) skips the hash.
        return numPartitions == 1 ? 0 : Utils.toPositive(Utils.murmur2(serializedKey)) % numPartitions;
    }

    /**
     * Returns the next partition of {@code topic} in round-robin order, starting at 0. After 2^31 calls for one
     * topic the sequence restarts at 0, as Kafka's does.
     */
    public int nextPartition(String topic, int numPartitions) {
        Objects.requireNonNull(topic, "topic");
        requirePartitions(numPartitions);
        int next = counters.computeIfAbsent(topic, t -> new AtomicInteger()).getAndIncrement();
        return Utils.toPositive(next) % numPartitions;
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                         Cluster cluster) {
        int numPartitions = partitionCount(topic, cluster);
        return keyBytes == null ? nextPartition(topic, numPartitions) : partitionForKey(keyBytes, numPartitions);
    }

    /**
     * Returns the topic's partition count in {@code cluster}.
     *
     * @throws IllegalArgumentException if the cluster does not hold the topic
     */
    public static int partitionCount(String topic, Cluster cluster) {
        Integer count = cluster.partitionCountForTopic(topic);
        if (count == null) {
            throw new IllegalArgumentException("Topic " + topic + " is not in the cluster view " + cluster.topics());
        }
        return count;
    }

    private static void requirePartitions(int numPartitions) {
        // Not Checks.requireArgument: its varargs would box and allocate on every send.
        if (numPartitions <= 0) {
            throw new IllegalArgumentException("numPartitions must be positive, got " + numPartitions);
        }
    }
}
