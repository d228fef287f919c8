package dev.runnel.common.errors;

import dev.runnel.common.TopicPartition;
import java.util.Set;

/** A consumer has no valid position for a partition and its reset policy does not supply one. */
public abstract class InvalidOffsetException extends ApiException {
    protected InvalidOffsetException(String message) {
        super(message);
    }

    /** Returns the partitions without a valid position, for the caller to seek. */
    public abstract Set<TopicPartition> partitions();
}
