package dev.runnel.clients.consumer;

import dev.runnel.common.KafkaException;

/**
 * An offset commit that cannot complete because the committing consumer is no longer the group member that owns the
 * partitions: the group rebalanced (the member's generation is old) or the member was removed. Not retriable; the
 * consumer rejoins on its next {@code poll}.
 */
public class CommitFailedException extends KafkaException {
    static final String DEFAULT_MESSAGE = "Commit cannot be completed since the group has already rebalanced and "
        + "assigned the partitions to another member. This means that the time between subsequent calls to poll() "
        + "was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is "
        + "spending too much time message processing. You can address this either by increasing "
        + "max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records.";

    public CommitFailedException(String message) {
        super(message);
    }

    public CommitFailedException() {
        super(DEFAULT_MESSAGE);
    }
}
