package dev.runnel.clients.consumer;

import dev.runnel.common.KafkaException;
import dev.runnel.common.TopicPartition;
import java.util.Set;

/**
 * A consumer has no valid position for some partitions and its reset policy does not supply one: the parent of
 * {@link OffsetOutOfRangeException} and {@link NoOffsetForPartitionException}, as in Kafka, so that one catch handles
 * both (seek the {@link #partitions()} and poll again).
 */
public abstract class InvalidOffsetException extends KafkaException {
    public InvalidOffsetException(String message) {
        super(message);
    }

    /** Returns the partitions without a valid position, for the caller to seek. */
    public abstract Set<TopicPartition> partitions();
}
