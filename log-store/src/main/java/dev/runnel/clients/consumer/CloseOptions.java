package dev.runnel.clients.consumer;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link KafkaConsumer#close(CloseOptions)} closes (KIP-1092): how long it may take, and whether the member leaves
 * its group. By default a dynamic member leaves and a static one ({@code group.instance.id}) stays until its session
 * times out, so that it gets its partitions back if it returns in time. Immutable.
 */
public final class CloseOptions {
    /** Whether a closing member leaves its group. */
    public enum GroupMembershipOperation {
        /** Leave the group, static members too: the group rebalances at once. */
        LEAVE_GROUP,
        /** Stay in the group until the session times out, dynamic members too. */
        REMAIN_IN_GROUP,
        /** Dynamic members leave, static members stay. */
        DEFAULT
    }

    private final GroupMembershipOperation operation;
    private final Optional<Duration> timeout;

    private CloseOptions(GroupMembershipOperation operation, Optional<Duration> timeout) {
        this.operation = operation;
        this.timeout = timeout;
    }

    /** Returns options with the default membership operation and timeout. */
    public static CloseOptions timeout(Duration timeout) {
        return new CloseOptions(GroupMembershipOperation.DEFAULT, Optional.of(Objects.requireNonNull(timeout)));
    }

    /** Returns options with {@code operation} and the default timeout. */
    public static CloseOptions groupMembershipOperation(GroupMembershipOperation operation) {
        return new CloseOptions(Objects.requireNonNull(operation, "operation"), Optional.empty());
    }

    /** Returns a copy with {@code timeout}. */
    public CloseOptions withTimeout(Duration timeout) {
        return new CloseOptions(operation, Optional.of(Objects.requireNonNull(timeout, "timeout")));
    }

    /** Returns a copy with {@code operation}. */
    public CloseOptions withGroupMembershipOperation(GroupMembershipOperation operation) {
        return new CloseOptions(Objects.requireNonNull(operation, "operation"), timeout);
    }

    public GroupMembershipOperation groupMembershipOperation() {
        return operation;
    }

    public Optional<Duration> timeout() {
        return timeout;
    }
}
