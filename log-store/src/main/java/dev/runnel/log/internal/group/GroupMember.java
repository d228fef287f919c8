package dev.runnel.log.internal.group;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import dev.runnel.common.TopicPartition;
import java.util.List;
import java.util.Optional;

/**
 * One member of a group, shared by the coordinator and the member's consumer. The consumer's poll loop reads only the
 * volatile flags ({@link #needsAttention()}) and writes {@link #recordPoll}; everything else is read and written under
 * the coordinator's lock.
 */
public final class GroupMember {
    final String memberId;
    final Optional<String> groupInstanceId;
    final String clientId;
    final int sessionTimeoutMs;
    final int rebalanceTimeoutMs;
    List<String> topics;
    List<TopicPartition> owned;
    List<ConsumerPartitionAssignor> assignors;
    /** True once the member has joined the current (or pending) generation. */
    boolean joined;
    boolean clientOpen = true;
    long closedAtMs;
    List<TopicPartition> assignment = List.of();
    /** The assignor of {@link #assignedGeneration} and its user data for this member (null if none). */
    String assignmentProtocol;
    java.nio.ByteBuffer assignmentUserData;
    int assignedGeneration = -1;
    /** True once the consumer has collected {@link #assignment}: Kafka's SyncGroup has returned. */
    boolean synced;

    private volatile long lastPollMs;
    volatile boolean rejoinRequested;
    volatile boolean awaitingAssignment;
    volatile boolean removed;
    volatile String removalReason = "";

    GroupMember(String memberId, JoinRequest request, long nowMs) {
        this.memberId = memberId;
        this.groupInstanceId = request.groupInstanceId();
        this.clientId = request.clientId();
        this.sessionTimeoutMs = request.sessionTimeoutMs();
        this.rebalanceTimeoutMs = request.rebalanceTimeoutMs();
        this.lastPollMs = nowMs;
        update(request);
    }

    void update(JoinRequest request) {
        this.topics = request.topics();
        this.owned = request.ownedPartitions();
        this.assignors = request.assignors();
    }

    public String memberId() {
        return memberId;
    }

    /** Called by the consumer on every poll: the in-process stand-in for Kafka's poll-interval tracking. */
    public void recordPoll(long nowMs) {
        lastPollMs = nowMs;
    }

    long lastPollMs() {
        return lastPollMs;
    }

    /** True when the consumer must act: rejoin, collect an assignment, or learn it was removed. Two volatile reads. */
    public boolean needsAttention() {
        return rejoinRequested || awaitingAssignment || removed;
    }

    public boolean rejoinRequested() {
        return rejoinRequested;
    }

    public boolean isRemoved() {
        return removed;
    }

    /** Why the member was removed, for the consumer's log line. */
    public String removalReason() {
        return removalReason;
    }

    /** The protocol this member follows: cooperative only if every one of its assignors supports it, as in Kafka. */
    RebalanceProtocol protocol() {
        boolean cooperative = assignors.stream()
            .allMatch(a -> a.supportedProtocols().contains(RebalanceProtocol.COOPERATIVE));
        return cooperative ? RebalanceProtocol.COOPERATIVE : RebalanceProtocol.EAGER;
    }

    @Override
    public String toString() {
        return "GroupMember(" + memberId + groupInstanceId.map(id -> ", instance " + id).orElse("") + ")";
    }
}
