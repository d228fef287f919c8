package dev.runnel.clients.consumer;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import dev.runnel.common.KafkaException;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.FencedInstanceIdException;
import dev.runnel.common.errors.InterruptException;
import dev.runnel.common.errors.InvalidGroupIdException;
import dev.runnel.common.errors.RebalanceInProgressException;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.Topics;
import dev.runnel.log.internal.group.GroupCoordinator;
import dev.runnel.log.internal.group.GroupMember;
import dev.runnel.log.internal.group.JoinRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's side of its group: the subscription, joining and rejoining through the log's {@link GroupCoordinator},
 * rebalance listener calls, offset commits and auto-commit. Not thread-safe; owned by the consumer's polling thread.
 * The poll loop's cost when nothing changes is {@link #needsAttention()}: three volatile reads and one volatile write.
 */
final class ConsumerCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerCoordinator.class);
    private static final String NO_GROUP_MESSAGE = "To use the group management or offset commit APIs, you must "
        + "provide a valid group.id in the consumer configuration.";
    /** A finished {@code commitAsync}, whose callback runs on the next poll or commit. */
    private record CompletedCommit(OffsetCommitCallback callback, Map<TopicPartition, OffsetAndMetadata> offsets,
                                   Exception error) {
    }

    private final RunnelLog log;
    private final GroupCoordinator coordinator;
    private final GroupSettings settings;
    private final String clientId;
    private final Map<TopicPartition, PartitionFetchState> assignment;
    private final ArrayDeque<CompletedCommit> completedCommits = new ArrayDeque<>();
    private final RebalanceProtocol protocol;
    /** Told of each successful commit; null without {@code interceptor.classes}. */
    private final ConsumerInterceptors<?, ?> interceptors;
    /** Null without a {@code group.id}; only the group's paths (commits, rebalances) record into it. */
    private final CoordinatorMetrics metrics;

    private Set<String> topics = Set.of();
    private Pattern pattern;
    private ConsumerRebalanceListener listener = NoOpRebalanceListener.INSTANCE;
    private GroupMember member;
    private int generation = ConsumerGroupMetadata.UNKNOWN_GENERATION_ID;
    private boolean needsJoin;
    private boolean awaiting;
    private long seenMetadataVersion = -1;
    private Map<String, Integer> seenPartitionCounts = Map.of();
    private long nextAutoCommitMs;
    /** When the member last joined, for the rebalance's latency. */
    private long joinMs;

    ConsumerCoordinator(RunnelLog log, GroupSettings settings, String clientId,
                        Map<TopicPartition, PartitionFetchState> assignment, ConsumerInterceptors<?, ?> interceptors,
                        CoordinatorMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
        this.coordinator = log.groupCoordinator();
        this.settings = settings;
        this.clientId = clientId;
        this.assignment = assignment;
        this.interceptors = interceptors;
        boolean cooperative = settings.assignors().stream()
            .allMatch(a -> a.supportedProtocols().contains(RebalanceProtocol.COOPERATIVE));
        this.protocol = cooperative ? RebalanceProtocol.COOPERATIVE : RebalanceProtocol.EAGER;
        this.nextAutoCommitMs = log.time().milliseconds() + settings.autoCommitIntervalMs();
    }

    static void requireGroup(GroupSettings settings) {
        if (settings.groupId() == null) {
            throw new InvalidGroupIdException(NO_GROUP_MESSAGE);
        }
    }

    boolean isSubscribed() {
        return pattern != null || !topics.isEmpty();
    }

    Set<String> subscription() {
        return topics;
    }

    void subscribe(Collection<String> newTopics, Pattern newPattern, ConsumerRebalanceListener newListener) {
        requireGroup(settings);
        this.listener = newListener == null ? NoOpRebalanceListener.INSTANCE : newListener;
        this.pattern = newPattern;
        Set<String> resolved = newPattern != null ? matching(newPattern) : new TreeSet<>(newTopics);
        if (!resolved.equals(topics) || member == null) {
            this.topics = resolved;
            needsJoin = true;
        }
    }

    private Set<String> matching(Pattern regex) {
        Set<String> matched = new TreeSet<>();
        for (String topic : log.topicNames()) {
            if (!Topics.isInternal(topic) && regex.matcher(topic).matches()) {
                matched.add(topic);
            }
        }
        return matched;
    }

    /** True when {@link #poll} has work beyond recording the poll: the hot-path check. */
    boolean needsAttention() {
        return needsJoin || awaiting || member == null || member.needsAttention()
            || log.metadataVersion() != seenMetadataVersion;
    }

    /**
     * Runs the group's side of one poll: records the poll, runs due callbacks and auto-commits, and if the group
     * rebalanced, revokes, rejoins and collects the new assignment, waiting until {@code deadlineMs} at most.
     */
    void poll(long deadlineMs) {
        long now = log.time().milliseconds();
        if (member != null) {
            member.recordPoll(now);
        }
        runCompletedCallbacks();
        maybeAutoCommit(now);
        if (!isSubscribed()) {
            return;
        }
        for (int round = 0; round < 3 && needsAttention(); round++) {
            checkMetadata();
            if (member != null && member.isRemoved()) {
                handleRemoval();
            }
            if (!awaiting && (member == null || needsJoin || member.rejoinRequested())) {
                join();
            }
            if (awaiting && !collectAssignment(deadlineMs)) {
                return;
            }
        }
    }

    private void checkMetadata() {
        long version = log.metadataVersion();
        if (version == seenMetadataVersion) {
            return;
        }
        seenMetadataVersion = version;
        if (pattern != null) {
            Set<String> resolved = matching(pattern);
            if (!resolved.equals(topics)) {
                topics = resolved;
                needsJoin = true;
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String topic : topics) {
            if (log.topicExists(topic)) {
                counts.put(topic, log.partitionCount(topic));
            }
        }
        if (!counts.equals(seenPartitionCounts)) {
            if (member != null && !seenPartitionCounts.isEmpty()) {
                needsJoin = true;
            }
            seenPartitionCounts = counts;
        }
    }

    private void handleRemoval() {
        String reason = member.removalReason();
        LOG.warn("Consumer {} was removed from group {}: {}; its partitions are lost and it rejoins", clientId,
            settings.groupId(), reason);
        List<TopicPartition> lost = new ArrayList<>(assignment.keySet());
        assignment.clear();
        member = null;
        awaiting = false;
        generation = ConsumerGroupMetadata.UNKNOWN_GENERATION_ID;
        needsJoin = true;
        if (!lost.isEmpty()) {
            listener.onPartitionsLost(lost);
        }
        if (reason.startsWith("fenced")) {
            throw new FencedInstanceIdException("The broker reported a fenced instance id: " + reason);
        }
    }

    private void join() {
        if (protocol == RebalanceProtocol.EAGER && member != null) {
            maybeAutoCommitSync();
            revoke(new ArrayList<>(assignment.keySet()));
        }
        List<TopicPartition> owned = protocol == RebalanceProtocol.COOPERATIVE ? new ArrayList<>(assignment.keySet())
            : List.of();
        joinMs = log.time().milliseconds();
        member = coordinator.join(new JoinRequest(settings.groupId(), member, settings.groupInstanceId(), clientId,
            new ArrayList<>(topics), owned, settings.assignors(), settings.sessionTimeoutMs(),
            settings.maxPollIntervalMs()));
        needsJoin = false;
        awaiting = true;
    }

    private boolean collectAssignment(long deadlineMs) {
        GroupCoordinator.Assignment result;
        try {
            result = coordinator.awaitAssignment(member, Math.max(0, deadlineMs - log.time().milliseconds()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("Interrupted while waiting for the group to rebalance", e);
        }
        if (result == null) {
            return false;
        }
        awaiting = false;
        if (result.removed()) {
            return true;
        }
        generation = result.generation();
        metrics.recordRebalance(joinMs);
        for (ConsumerPartitionAssignor assignor : settings.assignors()) {
            if (assignor.name().equals(result.protocolName())) {
                assignor.onAssignment(new ConsumerPartitionAssignor.Assignment(result.partitions(), result.userData()),
                    groupMetadata());
            }
        }
        Set<TopicPartition> target = new LinkedHashSet<>(result.partitions());
        List<TopicPartition> revoked = new ArrayList<>();
        for (TopicPartition tp : assignment.keySet()) {
            if (!target.contains(tp)) {
                revoked.add(tp);
            }
        }
        if (!revoked.isEmpty()) {
            maybeAutoCommitSync();
            revoke(revoked);
            // Cooperative: the revoked partitions go to their new owners in a follow-up rebalance.
            needsJoin = true;
        }
        List<TopicPartition> added = new ArrayList<>();
        for (TopicPartition tp : target) {
            if (!assignment.containsKey(tp)) {
                assignment.put(tp, new PartitionFetchState());
                added.add(tp);
            }
        }
        listener.onPartitionsAssigned(added);
        return true;
    }

    private void revoke(List<TopicPartition> partitions) {
        drop(partitions, false);
    }

    /** Removes the partitions from the assignment after telling the listener they were revoked or lost. */
    private void drop(List<TopicPartition> partitions, boolean lost) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            if (lost) {
                listener.onPartitionsLost(partitions);
            } else {
                listener.onPartitionsRevoked(partitions);
            }
        } finally {
            assignment.keySet().removeAll(partitions);
        }
    }

    /** Revokes everything and leaves the group ({@code unsubscribe}), or, for a static member, just stops. */
    void leave(boolean closing) {
        leave(closing, CloseOptions.GroupMembershipOperation.DEFAULT);
    }

    /**
     * Revokes everything and leaves the group, or on a close that {@code operation} (or, by default, static
     * membership) keeps in the group, only stops: the member then stays until its session times out.
     */
    void leave(boolean closing, CloseOptions.GroupMembershipOperation operation) {
        if (member != null && !member.isRemoved()) {
            maybeAutoCommitSync();
            // As in Kafka: mid-rebalance the member's generation is stale, so a commit in onPartitionsRevoked would
            // fail; the partitions are reported lost instead.
            drop(new ArrayList<>(assignment.keySet()), awaiting);
            if (closing && staysOnClose(operation)) {
                coordinator.closeWithoutLeaving(member);
            } else {
                coordinator.leave(member, closing ? "the consumer is being closed" : "the consumer unsubscribed");
            }
        }
        if (closing && member == null && settings.autoCommit()) {
            maybeAutoCommitSync();
        }
        runCompletedCallbacks();
        assignment.clear();
        member = null;
        awaiting = false;
        needsJoin = false;
        generation = ConsumerGroupMetadata.UNKNOWN_GENERATION_ID;
        topics = Set.of();
        pattern = null;
    }

    private boolean staysOnClose(CloseOptions.GroupMembershipOperation operation) {
        return switch (operation) {
            case LEAVE_GROUP -> false;
            case REMAIN_IN_GROUP -> true;
            case DEFAULT -> settings.groupInstanceId().isPresent();
        };
    }

    void enforceRebalance() {
        if (!isSubscribed()) {
            throw new IllegalStateException("Tried to force a rebalance but consumer does not have a group.");
        }
        if (member != null && !awaiting) {
            coordinator.requestRebalance(member, "enforceRebalance() was called by " + clientId);
        }
    }

    // ---- commits ----

    /** The positions of the assigned partitions: the offsets after the records returned so far. */
    Map<TopicPartition, OffsetAndMetadata> allConsumed() {
        Map<TopicPartition, OffsetAndMetadata> positions = new LinkedHashMap<>();
        assignment.forEach((tp, state) -> {
            if (state.position != PartitionFetchState.UNKNOWN) {
                positions.put(tp, new OffsetAndMetadata(state.position));
            }
        });
        return positions;
    }

    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        requireGroup(settings);
        runCompletedCallbacks();
        if (offsets.isEmpty()) {
            return;
        }
        String memberId = member == null ? ConsumerGroupMetadata.UNKNOWN_MEMBER_ID : member.memberId();
        int commitGeneration = member == null ? ConsumerGroupMetadata.UNKNOWN_GENERATION_ID : generation;
        if (member != null && member.isRemoved()) {
            throw new CommitFailedException();
        }
        long startNanos = log.time().nanoseconds();
        coordinator.commitOffsets(settings.groupId(), memberId, commitGeneration, offsets);
        metrics.recordCommit(log.time().nanoseconds() - startNanos);
        if (interceptors != null) {
            interceptors.onCommit(offsets);
        }
    }

    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        requireGroup(settings);
        Exception error = null;
        try {
            commitSync(offsets);
        } catch (KafkaException e) {
            error = e;
        }
        if (callback != null) {
            completedCommits.add(new CompletedCommit(callback, Map.copyOf(offsets), error));
        } else if (error != null) {
            LOG.error("Offset commit with offsets {} failed", offsets, error);
        }
    }

    private void runCompletedCallbacks() {
        CompletedCommit commit;
        while ((commit = completedCommits.poll()) != null) {
            commit.callback().onComplete(commit.offsets(), commit.error());
        }
    }

    private void maybeAutoCommit(long now) {
        if (settings.autoCommit() && now >= nextAutoCommitMs) {
            nextAutoCommitMs = now + settings.autoCommitIntervalMs();
            maybeAutoCommitSync();
        }
    }

    private void maybeAutoCommitSync() {
        if (!settings.autoCommit() || (member != null && member.isRemoved())) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> positions = allConsumed();
        try {
            commitSync(positions);
        } catch (CommitFailedException | RebalanceInProgressException | UnknownTopicOrPartitionException e) {
            // A deleted topic's positions are refused; the others are committed.
            LOG.warn("Auto offset commit of {} for group {} failed: {}", positions, settings.groupId(),
                e.getMessage());
        }
    }

    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        requireGroup(settings);
        Map<TopicPartition, OffsetAndMetadata> found = coordinator.fetchOffsets(settings.groupId(), partitions);
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        partitions.forEach(tp -> result.put(tp, found.get(tp)));
        return result;
    }

    /** The committed offset to start a partition from, if the consumer has a group and the group committed one. */
    Optional<OffsetAndMetadata> committedOffset(TopicPartition tp) {
        if (settings.groupId() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(coordinator.fetchOffsets(settings.groupId(), List.of(tp)).get(tp));
    }

    ConsumerGroupMetadata groupMetadata() {
        requireGroup(settings);
        return new ConsumerGroupMetadata(settings.groupId(), generation,
            member == null ? ConsumerGroupMetadata.UNKNOWN_MEMBER_ID : member.memberId(), settings.groupInstanceId());
    }
}
