package dev.runnel.clients.admin;

import dev.runnel.common.TopicPartition;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A transactional id as {@code describeTransactions} reports it: the coordinator's node, the state, the current
 * producer id and epoch, the transaction timeout, and, while a transaction is open, when it started and the
 * partitions it has written to.
 */
public class TransactionDescription {
    private final int coordinatorId;
    private final TransactionState state;
    private final long producerId;
    private final int producerEpoch;
    private final long transactionTimeoutMs;
    private final OptionalLong transactionStartTimeMs;
    private final Set<TopicPartition> topicPartitions;

    public TransactionDescription(int coordinatorId, TransactionState state, long producerId, int producerEpoch,
                                  long transactionTimeoutMs, OptionalLong transactionStartTimeMs,
                                  Set<TopicPartition> topicPartitions) {
        this.coordinatorId = coordinatorId;
        this.state = Objects.requireNonNull(state, "state");
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.transactionTimeoutMs = transactionTimeoutMs;
        this.transactionStartTimeMs = Objects.requireNonNull(transactionStartTimeMs, "transactionStartTimeMs");
        this.topicPartitions = Set.copyOf(topicPartitions);
    }

    public int coordinatorId() {
        return coordinatorId;
    }

    public TransactionState state() {
        return state;
    }

    public long producerId() {
        return producerId;
    }

    public int producerEpoch() {
        return producerEpoch;
    }

    public long transactionTimeoutMs() {
        return transactionTimeoutMs;
    }

    public OptionalLong transactionStartTimeMs() {
        return transactionStartTimeMs;
    }

    public Set<TopicPartition> topicPartitions() {
        return topicPartitions;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransactionDescription that && coordinatorId == that.coordinatorId
            && state == that.state && producerId == that.producerId && producerEpoch == that.producerEpoch
            && transactionTimeoutMs == that.transactionTimeoutMs
            && transactionStartTimeMs.equals(that.transactionStartTimeMs)
            && topicPartitions.equals(that.topicPartitions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(coordinatorId, state, producerId, producerEpoch, transactionTimeoutMs,
            transactionStartTimeMs, topicPartitions);
    }

    @Override
    public String toString() {
        return "TransactionDescription(coordinatorId=" + coordinatorId + ", state=" + state + ", producerId="
            + producerId + ", producerEpoch=" + producerEpoch + ", transactionTimeoutMs=" + transactionTimeoutMs
            + ", transactionStartTimeMs=" + transactionStartTimeMs + ", topicPartitions=" + topicPartitions + ")";
    }
}
