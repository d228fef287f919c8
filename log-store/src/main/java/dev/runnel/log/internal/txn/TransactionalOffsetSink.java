package dev.runnel.log.internal.txn;

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
    /** Writes {@code offsets} for {@code groupId} as pending offsets of the producer's open transaction. */
    void stageTransactionalOffsets(long producerId, short producerEpoch, String groupId,
                                   Map<TopicPartition, OffsetAndMetadata> offsets);

    /** Called after the transaction's markers are durable: pending offsets become committed, or are dropped. */
    void completeTransaction(long producerId, boolean committed);

    /** The partition of the offsets topic that holds {@code groupId}'s offsets. */
    TopicPartition offsetsPartitionFor(String groupId);
}
