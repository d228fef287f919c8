package dev.runnel.clients.consumer;

import dev.runnel.common.KafkaException;
import dev.runnel.common.TopicPartition;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The offsets a {@link MockConsumer} keeps per partition: positions, pending seeks to the beginning or end, committed
 * offsets, and the beginning and end offsets the test set. Checking that partitions are assigned stays with the
 * consumer. Not thread-safe; guarded by the owning consumer's lock.
 */
final class MockConsumerOffsets {
    private final OffsetResetStrategy resetStrategy;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Map<TopicPartition, OffsetResetStrategy> pendingResets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private final Map<TopicPartition, Long> beginningOffsets = new HashMap<>();
    private final Map<TopicPartition, Long> endOffsets = new HashMap<>();
    private KafkaException offsetsException;

    MockConsumerOffsets(OffsetResetStrategy resetStrategy) {
        this.resetStrategy = resetStrategy;
    }

    /** Forgets the positions and pending seeks of partitions no longer in {@code assignment}. */
    void retainAll(Set<TopicPartition> assignment) {
        positions.keySet().retainAll(assignment);
        pendingResets.keySet().retainAll(assignment);
    }

    /** Returns the partition's position, resolving a pending seek or a missing position first. */
    long position(TopicPartition partition) {
        OffsetResetStrategy reset = pendingResets.remove(partition);
        if (reset != null) {
            positions.put(partition, resetOffset(partition, reset));
        } else if (!positions.containsKey(partition)) {
            OffsetAndMetadata offset = committed.get(partition);
            positions.put(partition, offset != null ? offset.offset() : resetOffset(partition, resetStrategy));
        }
        return positions.get(partition);
    }

    /** Moves the partition to {@code offset}, dropping a pending seek to the beginning or end. */
    void seek(TopicPartition partition, long offset) {
        pendingResets.remove(partition);
        positions.put(partition, offset);
    }

    /** Seeks the partition to where {@code strategy} says when its position is next read. */
    void requestReset(TopicPartition partition, OffsetResetStrategy strategy) {
        pendingResets.put(partition, strategy);
    }

    /** Returns the positions of the partitions in {@code assignment} that have one, as offsets to commit. */
    Map<TopicPartition, OffsetAndMetadata> allConsumed(Set<TopicPartition> assignment) {
        Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
        for (TopicPartition tp : assignment) {
            Long position = positions.get(tp);
            if (position != null) {
                current.put(tp, new OffsetAndMetadata(position));
            }
        }
        return current;
    }

    void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        committed.putAll(offsets);
    }

    /** Returns the partition's committed offset, or null if none. */
    OffsetAndMetadata committed(TopicPartition partition) {
        return committed.get(partition);
    }

    /** Returns the end offset set with {@code updateEndOffsets}, or null if none. */
    Long endOffset(TopicPartition partition) {
        return endOffsets.get(partition);
    }

    private long resetOffset(TopicPartition tp, OffsetResetStrategy strategy) {
        Long offset = switch (strategy) {
            case EARLIEST -> beginningOffsets.get(tp);
            case LATEST -> endOffsets.get(tp);
            case NONE -> throw new NoOffsetForPartitionException(tp);
        };
        if (offset == null) {
            throw new IllegalStateException("MockConsumer has no " + (strategy == OffsetResetStrategy.EARLIEST
                ? "beginning" : "end") + " offset for " + tp + " to reset to; call update"
                + (strategy == OffsetResetStrategy.EARLIEST ? "Beginning" : "End") + "Offsets first");
        }
        return offset;
    }

    void updateBeginningOffsets(Map<TopicPartition, Long> newOffsets) {
        beginningOffsets.putAll(newOffsets);
    }

    void updateEndOffsets(Map<TopicPartition, Long> newOffsets) {
        endOffsets.putAll(newOffsets);
    }

    /** Makes the next offsetsForTimes, beginningOffsets or endOffsets call throw {@code exception}. */
    void setOffsetsException(KafkaException exception) {
        this.offsetsException = exception;
    }

    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, beginningOffsets, "beginning");
    }

    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, endOffsets, "end");
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, Map<TopicPartition, Long> known,
                                              String which) {
        throwOffsetsException();
        Map<TopicPartition, Long> result = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long offset = known.get(tp);
            if (offset == null) {
                throw new IllegalStateException("The partition " + tp + " does not have a " + which + " offset.");
            }
            result.put(tp, offset);
        }
        return result;
    }

    /** Throws the exception given to {@link #setOffsetsException}, once. */
    void throwOffsetsException() {
        if (offsetsException != null) {
            KafkaException exception = offsetsException;
            offsetsException = null;
            throw exception;
        }
    }
}
