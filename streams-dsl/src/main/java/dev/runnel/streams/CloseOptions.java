package dev.runnel.streams;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link KafkaStreams#close(CloseOptions)} (KIP-1153): how long to wait for the stream threads, and
 * whether their consumers leave the group. Immutable: each {@code with} method returns new options.
 *
 * <pre>{@code
 * streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
 *     .withTimeout(Duration.ofSeconds(30)));
 * }</pre>
 */
public class CloseOptions {
    private final Duration timeout;
    private final GroupMembershipOperation operation;

    /** What the stream threads' consumers do about the group when the client closes. */
    public enum GroupMembershipOperation {
        /**
         * Leave the group, even as static members ({@code group.instance.id}), so that the group rebalances at once
         * instead of after their session timeout.
         */
        LEAVE_GROUP,
        /** The default: a static member stays in the group until its session times out; a dynamic one leaves. */
        REMAIN_IN_GROUP
    }

    private CloseOptions(Duration timeout, GroupMembershipOperation operation) {
        this.timeout = timeout;
        this.operation = operation;
    }

    /** Returns options that wait up to {@code timeout}, and otherwise the defaults. */
    public static CloseOptions timeout(Duration timeout) {
        return new CloseOptions(Objects.requireNonNull(timeout, "timeout"), GroupMembershipOperation.REMAIN_IN_GROUP);
    }

    /** Returns options with {@code operation}, waiting as long as it takes (the default). */
    public static CloseOptions groupMembershipOperation(GroupMembershipOperation operation) {
        return new CloseOptions(Duration.ofMillis(Long.MAX_VALUE), Objects.requireNonNull(operation, "operation"));
    }

    /** Returns these options with {@code timeout}. */
    public CloseOptions withTimeout(Duration timeout) {
        return new CloseOptions(Objects.requireNonNull(timeout, "timeout"), operation);
    }

    /** Returns these options with {@code operation}. */
    public CloseOptions withGroupMembershipOperation(GroupMembershipOperation operation) {
        return new CloseOptions(timeout, Objects.requireNonNull(operation, "operation"));
    }

    Duration closeTimeout() {
        return timeout;
    }

    boolean leaveGroup() {
        return operation == GroupMembershipOperation.LEAVE_GROUP;
    }

    @Override
    public String toString() {
        return "CloseOptions{timeout=" + timeout + ", groupMembershipOperation=" + operation + "}";
    }
}
