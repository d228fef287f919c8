package dev.runnel.clients.admin;

import dev.runnel.common.TopicPartition;
import java.util.Objects;

/**
 * Which transaction {@code abortTransaction} ends: the one of a producer id and epoch on one partition, with the
 * coordinator epoch to write in the marker. {@code describeProducers} gives all four for a hanging transaction.
 */
public class AbortTransactionSpec {
    private final TopicPartition topicPartition;
    private final long producerId;
    private final short producerEpoch;
    private final int coordinatorEpoch;

    public AbortTransactionSpec(TopicPartition topicPartition, long producerId, short producerEpoch,
                                int coordinatorEpoch) {
        this.topicPartition = Objects.requireNonNull(topicPartition, "topicPartition");
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.coordinatorEpoch = coordinatorEpoch;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public long producerId() {
        return producerId;
    }

    public short producerEpoch() {
        return producerEpoch;
    }

    public int coordinatorEpoch() {
        return coordinatorEpoch;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AbortTransactionSpec that && topicPartition.equals(that.topicPartition)
            && producerId == that.producerId && producerEpoch == that.producerEpoch
            && coordinatorEpoch == that.coordinatorEpoch;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topicPartition, producerId, producerEpoch, coordinatorEpoch);
    }

    @Override
    public String toString() {
        return "AbortTransactionSpec(topicPartition=" + topicPartition + ", producerId=" + producerId
            + ", producerEpoch=" + producerEpoch + ", coordinatorEpoch=" + coordinatorEpoch + ")";
    }
}
