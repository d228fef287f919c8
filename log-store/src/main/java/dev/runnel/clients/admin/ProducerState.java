package dev.runnel.clients.admin;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One producer as a partition knows it, from {@code describeProducers}: its id and epoch, the last sequence number
 * and timestamp it wrote, the coordinator epoch of its last transaction marker, and the first offset of its open
 * transaction in the partition, if any; a transaction that has that offset for long holds the last stable offset back.
 */
public class ProducerState {
    private final long producerId;
    private final int producerEpoch;
    private final int lastSequence;
    private final long lastTimestamp;
    private final OptionalInt coordinatorEpoch;
    private final OptionalLong currentTransactionStartOffset;

    public ProducerState(long producerId, int producerEpoch, int lastSequence, long lastTimestamp,
                         OptionalInt coordinatorEpoch, OptionalLong currentTransactionStartOffset) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.lastSequence = lastSequence;
        this.lastTimestamp = lastTimestamp;
        this.coordinatorEpoch = Objects.requireNonNull(coordinatorEpoch, "coordinatorEpoch");
        this.currentTransactionStartOffset = Objects.requireNonNull(currentTransactionStartOffset,
            "currentTransactionStartOffset");
    }

    public long producerId() {
        return producerId;
    }

    public int producerEpoch() {
        return producerEpoch;
    }

    /** The last sequence number written, or -1 if none (a producer that only wrote markers here). */
    public int lastSequence() {
        return lastSequence;
    }

    public long lastTimestamp() {
        return lastTimestamp;
    }

    public OptionalLong currentTransactionStartOffset() {
        return currentTransactionStartOffset;
    }

    public OptionalInt coordinatorEpoch() {
        return coordinatorEpoch;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProducerState that && producerId == that.producerId
            && producerEpoch == that.producerEpoch && lastSequence == that.lastSequence
            && lastTimestamp == that.lastTimestamp && coordinatorEpoch.equals(that.coordinatorEpoch)
            && currentTransactionStartOffset.equals(that.currentTransactionStartOffset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(producerId, producerEpoch, lastSequence, lastTimestamp, coordinatorEpoch,
            currentTransactionStartOffset);
    }

    @Override
    public String toString() {
        return "ProducerState(producerId=" + producerId + ", producerEpoch=" + producerEpoch + ", lastSequence="
            + lastSequence + ", lastTimestamp=" + lastTimestamp + ", coordinatorEpoch=" + coordinatorEpoch
            + ", currentTransactionStartOffset=" + currentTransactionStartOffset + ")";
    }
}
