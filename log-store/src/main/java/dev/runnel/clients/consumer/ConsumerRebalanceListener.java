package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.Collection;

/**
 * Callbacks on a group member's assignment changes. All run on the polling thread, inside {@code poll()} (or
 * {@code close()}/{@code unsubscribe()} for a final revocation), so they may call the consumer, e.g. commit offsets
 * in {@link #onPartitionsRevoked}. With an eager assignor every partition is revoked before each rebalance; with
 * {@code cooperative-sticky} only the partitions that move are.
 */
public interface ConsumerRebalanceListener {
    /** Called before the partitions are given up; the member still owns them, so commits here succeed. */
    void onPartitionsRevoked(Collection<TopicPartition> partitions);

    /** Called after a rebalance with the partitions newly assigned (all of them with eager assignors). */
    void onPartitionsAssigned(Collection<TopicPartition> partitions);

    /**
     * Called when the member learns it was removed from the group (its session or poll interval expired): the
     * partitions may already belong to another member, so offsets can no longer be committed for them. Calls
     * {@link #onPartitionsRevoked} by default, as in Kafka.
     */
    default void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }
}
