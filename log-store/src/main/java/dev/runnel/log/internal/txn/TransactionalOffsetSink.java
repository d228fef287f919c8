package dev.runnel.log.internal.txn;

import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import java.util.Map;

/**
 * Where {@code sendOffsetsToTransaction} puts a transaction's consumer offsets: the group coordinator, which writes
 * them to its offsets partition as transactional records of the producer and makes them visible when the commit
 * marker reaches that partition. The transaction coordinator adds {@link #offsetsPartitionFor} to the transaction, so
 * the marker is written there too. Implementations are thread-safe.
 */
public interface TransactionalOffsetSink {
    /**
     * Writes {@code offsets} for {@code group}'s id as pending offsets of the producer's open transaction. A group
     * member's metadata (a generation or member id, from its consumer's {@code groupMetadata()}) must be current, as
     * in Kafka since KIP-447, so that a member the group has moved on from cannot commit its tasks' input.
     *
     * @throws dev.runnel.clients.consumer.CommitFailedException if the member left the group or its generation is past
     * @throws dev.runnel.common.errors.RebalanceInProgressException if the member's new assignment waits for its poll
     */
    void stageTransactionalOffsets(long producerId, short producerEpoch, ConsumerGroupMetadata group,
                                   Map<TopicPartition, OffsetAndMetadata> offsets);

    /** Called after the transaction's markers are durable: pending offsets become committed, or are dropped. */
    void completeTransaction(long producerId, boolean committed);

    /** The partition of the offsets topic that holds {@code groupId}'s offsets. */
    TopicPartition offsetsPartitionFor(String groupId);
}
