package dev.runnel.clients.producer;

import dev.runnel.clients.producer.internals.BuiltInPartitioner;
import dev.runnel.common.Cluster;

/**
 * Spreads records evenly over a topic's partitions in turn, ignoring their keys: the first record of each topic goes
 * to partition 0, the next to 1, and so on, wrapping around. Use it when keys carry no ordering requirement. Each
 * topic has its own sequence. Thread-safe; concurrent senders interleave, but each partition still receives its
 * share.
 */
public final class RoundRobinPartitioner implements Partitioner {
    private final BuiltInPartitioner partitioner = new BuiltInPartitioner();

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                         Cluster cluster) {
        return partitioner.nextPartition(topic, BuiltInPartitioner.partitionCount(topic, cluster));
    }
}
