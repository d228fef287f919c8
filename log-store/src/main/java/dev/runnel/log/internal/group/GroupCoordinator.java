package dev.runnel.log.internal.group;

import dev.runnel.clients.consumer.CommitFailedException;
import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.GroupState;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.GroupIdNotFoundException;
import dev.runnel.common.errors.GroupNotEmptyException;
import dev.runnel.common.errors.GroupSubscribedToTopicException;
import dev.runnel.common.errors.InconsistentGroupProtocolException;
import dev.runnel.common.errors.RebalanceInProgressException;
import dev.runnel.common.errors.InvalidTopicException;
import dev.runnel.common.errors.UnknownMemberIdException;
import dev.runnel.common.errors.OffsetMetadataTooLarge;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import dev.runnel.common.utils.Time;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.txn.TransactionalOffsetSink;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator of one embedded log: group membership and rebalances (see {@link ConsumerGroup}), committed
 * offsets in {@code __consumer_offsets} (see {@link OffsetStore}), and the hooks the transaction coordinator uses for
 * {@code sendOffsetsToTransaction}. Every member of a group lives in this process, since one process owns a data
 * folder, so members call it directly instead of over a network; the observable behaviour (generations, errors,
 * timeouts) is Kafka's. A duty-cycle thread expires sessions and stalled members. Thread-safe: one lock guards all
 * groups; consumers' poll loops read only volatile member flags.
 */
public final class GroupCoordinator implements AutoCloseable, TransactionalOffsetSink {
    /** Partitions of {@code __consumer_offsets} when it is created (Kafka's {@code offsets.topic.num.partitions}
     * defaults to 50; one process needs one). */
    public static final int DEFAULT_OFFSETS_TOPIC_PARTITIONS = 1;
    static final String REBALANCE_IN_PROGRESS_MESSAGE = "Offset commit cannot be completed since the consumer is "
        + "undergoing a rebalance for auto partition assignment. You can try completing the rebalance by calling "
        + "poll() and then retry the operation.";
    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinator.class);
    private static final long MAX_IDLE_MS = 100;

    private final RunnelLog log;
    private final Time time;
    private final OffsetStore offsets;
    private final int offsetMetadataMaxBytes;
    private final Map<String, ConsumerGroup> groups = new HashMap<>();
    private final Thread thread;
    private boolean running = true;

    /**
     * Serves the groups of {@code log}, whose committed offsets may carry metadata of at most
     * {@code offsetMetadataMaxBytes} characters ({@code offset.metadata.max.bytes}).
     */
    public GroupCoordinator(RunnelLog log, Time time, int offsetMetadataMaxBytes) {
        this.log = log;
        this.time = time;
        this.offsetMetadataMaxBytes = offsetMetadataMaxBytes;
        this.offsets = new OffsetStore(log, time, DEFAULT_OFFSETS_TOPIC_PARTITIONS);
        offsets.load();
        this.thread = new Thread(this::run, "runnel-group-coordinator");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    // ---- membership ----

    /**
     * Joins (or rejoins) the group and returns the member; its assignment is collected with {@link #awaitAssignment}.
     * A known static instance id replaces the old member without a rebalance when its subscription is unchanged.
     */
    public synchronized GroupMember join(JoinRequest request) {
        long now = time.milliseconds();
        ConsumerGroup group = groups.computeIfAbsent(request.groupId(), ConsumerGroup::new);
        checkProtocols(group, request);
        GroupMember member = request.member();
        if (member != null && group.members.get(member.memberId) == member) {
            member.update(request);
            if (group.state != GroupState.PREPARING_REBALANCE) {
                group.prepareRebalance(now, member + " rejoined");
            }
        } else if (request.groupInstanceId().isPresent()
            && group.staticMembers.containsKey(request.groupInstanceId().get())) {
            GroupMember old = group.staticMembers.get(request.groupInstanceId().get());
            member = replaceStatic(group, old, request, now);
            if (member.joined) {
                notifyAll();
                return member;
            }
        } else {
            member = new GroupMember(request.clientId() + "-" + UUID.randomUUID(), request, now);
            group.add(member);
            group.prepareRebalance(now, member + " joined");
        }
        member.joined = true;
        member.rejoinRequested = false;
        member.awaitingAssignment = true;
        member.recordPoll(now);
        group.maybeComplete(partitionCounts(group));
        log.appendNotifier().signalAppend();
        notifyAll();
        return member;
    }

    private GroupMember replaceStatic(ConsumerGroup group, GroupMember old, JoinRequest request, long now) {
        GroupMember member = new GroupMember(request.clientId() + "-" + UUID.randomUUID(), request, now);
        group.members.remove(old.memberId);
        old.removalReason = "fenced by a newer consumer with group.instance.id " + old.groupInstanceId.orElseThrow();
        old.removed = true;
        group.add(member);
        boolean unchanged = old.topics.equals(request.topics()) && group.state == GroupState.STABLE && old.joined;
        if (unchanged) {
            member.joined = true;
            member.assignment = old.assignment;
            member.assignedGeneration = old.assignedGeneration;
            member.synced = old.synced;
            member.owned = old.assignment;
            member.recordPoll(now);
            LOG.info("Static member {} of group {} rejoined as {}; assignment kept, generation {}",
                old.groupInstanceId.orElseThrow(), group.groupId, member.memberId, group.generation);
        } else {
            group.prepareRebalance(now, "static member " + old.groupInstanceId.orElseThrow() + " rejoined with a "
                + "new subscription");
        }
        return member;
    }

    private static void checkProtocols(ConsumerGroup group, JoinRequest request) {
        Set<String> names = new HashSet<>();
        request.assignors().forEach(a -> names.add(a.name()));
        for (GroupMember other : group.members.values()) {
            if (other != request.member() && other.assignors.stream().noneMatch(a -> names.contains(a.name()))) {
                throw new InconsistentGroupProtocolException("The group member's supported protocols " + names
                    + " are incompatible with those of existing members of group " + group.groupId + " ("
                    + other.assignors.stream().map(ConsumerPartitionAssignor::name).toList() + ")");
            }
        }
    }

    /**
     * The outcome of a join: the generation, the member's partitions in it and the assignor's user data for it (with
     * the assignor's name; both null if none), or that the member was removed.
     */
    public record Assignment(int generation, List<TopicPartition> partitions, boolean removed, String protocolName,
                             java.nio.ByteBuffer userData) {
    }

    /**
     * Waits up to {@code timeoutMs} for the rebalance the member joined to complete; returns its assignment, or null
     * if the wait timed out.
     */
    public synchronized Assignment awaitAssignment(GroupMember member, long timeoutMs) throws InterruptedException {
        long deadline = time.nanoseconds() + timeoutMs * 1_000_000L;
        while (member.awaitingAssignment && !member.removed) {
            long remainingMs = (deadline - time.nanoseconds()) / 1_000_000L;
            if (remainingMs <= 0) {
                return null;
            }
            wait(remainingMs);
        }
        member.synced = true;
        return new Assignment(member.assignedGeneration, member.assignment, member.removed,
            member.assignmentProtocol, member.assignmentUserData);
    }

    /** The member leaves the group (a dynamic member's close or unsubscribe); its partitions are reassigned. */
    public synchronized void leave(GroupMember member, String reason) {
        ConsumerGroup group = groupOf(member);
        if (group != null) {
            group.remove(member, time.milliseconds(), reason);
            group.maybeComplete(partitionCounts(group));
            notifyAll();
        }
    }

    /** A member closed without leaving (static by default): it stays until its session times out. */
    public synchronized void closeWithoutLeaving(GroupMember member) {
        member.clientOpen = false;
        member.closedAtMs = time.milliseconds();
        notifyAll();
    }

    /** Starts a rebalance of the member's group ({@code enforceRebalance}, or changed topic metadata). */
    public synchronized void requestRebalance(GroupMember member, String reason) {
        ConsumerGroup group = groupOf(member);
        if (group != null && group.prepareRebalance(time.milliseconds(), reason)) {
            log.appendNotifier().signalAppend();
            notifyAll();
        }
    }

    private ConsumerGroup groupOf(GroupMember member) {
        for (ConsumerGroup group : groups.values()) {
            if (group.members.get(member.memberId) == member) {
                return group;
            }
        }
        return null;
    }

    private Map<String, Integer> partitionCounts(ConsumerGroup group) {
        Map<String, Integer> counts = new HashMap<>();
        for (String topic : group.subscribedTopics()) {
            if (log.topicExists(topic)) {
                counts.put(topic, log.partitionCount(topic));
            }
        }
        return counts;
    }

    // ---- offsets ----

    /**
     * Commits offsets for a group member (or, with generation -1 and an empty member id, for a consumer using manual
     * assignment, allowed only while the group has no members).
     *
     * @throws CommitFailedException        if the member is unknown or its generation is not the group's
     * @throws RebalanceInProgressException if the member has joined a rebalance whose assignment it has not collected
     */
    public synchronized void commitOffsets(String groupId, String memberId, int generation,
                                           Map<TopicPartition, OffsetAndMetadata> commits) {
        ConsumerGroup group = groups.get(groupId);
        boolean hasMembers = group != null && !group.members.isEmpty();
        if (generation < 0 && memberId.isEmpty()) {
            if (hasMembers) {
                throw new CommitFailedException();
            }
        } else {
            requireCurrentMember(group, memberId, generation);
        }
        writeExisting(commits, existing -> offsets.commit(groupId, existing));
    }

    /**
     * Checks that {@code memberId} is in {@code group} (null: no such group) at its current generation.
     *
     * @throws CommitFailedException        if the member is unknown or its generation is not the group's
     * @throws RebalanceInProgressException if the member has joined a rebalance whose assignment it has not collected
     */
    private static void requireCurrentMember(ConsumerGroup group, String memberId, int generation) {
        GroupMember member = group == null ? null : group.members.get(memberId);
        if (member == null) {
            throw new CommitFailedException();
        }
        if (generation != group.generation) {
            // Kafka's CompletingRebalance: the new assignment waits for the consumer's next poll.
            if (member.assignedGeneration > generation && !member.synced) {
                throw new RebalanceInProgressException(REBALANCE_IN_PROGRESS_MESSAGE);
            }
            throw new CommitFailedException();
        }
    }

    /**
     * Writes, through {@code write}, the commits of partitions that exist, then throws for the others, as Kafka's
     * coordinator answers {@code UNKNOWN_TOPIC_OR_PARTITION} for them: a consumer still holding a position in a deleted
     * topic must not write it back.
     *
     * @throws UnknownTopicOrPartitionException naming the partitions that do not exist
     */
    private void writeExisting(Map<TopicPartition, OffsetAndMetadata> commits,
                               Consumer<Map<TopicPartition, OffsetAndMetadata>> write) {
        Map<TopicPartition, OffsetAndMetadata> existing = new LinkedHashMap<>();
        List<TopicPartition> unknown = new ArrayList<>();
        List<TopicPartition> tooLarge = new ArrayList<>();
        commits.forEach((tp, offset) -> {
            if (offset.metadata().length() > offsetMetadataMaxBytes) {
                tooLarge.add(tp);
            } else if (log.topicExists(tp.topic()) && tp.partition() < log.partitionCount(tp.topic())) {
                existing.put(tp, offset);
            } else {
                unknown.add(tp);
            }
        });
        write.accept(existing);
        if (!tooLarge.isEmpty()) {
            // As Kafka's broker: the other partitions' offsets are committed.
            throw new OffsetMetadataTooLarge("Cannot commit offsets of " + tooLarge + ": their metadata is longer than "
                + offsetMetadataMaxBytes + " characters (offset.metadata.max.bytes of the log)");
        }
        if (!unknown.isEmpty()) {
            throw new UnknownTopicOrPartitionException("Cannot commit offsets of " + unknown + ": no such topic or "
                + "partition (deleted?)");
        }
    }

    /** The group's committed offsets, only for {@code partitions} if not null. */
    public synchronized Map<TopicPartition, OffsetAndMetadata> fetchOffsets(String groupId,
                                                                           Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> all = offsets.fetch(groupId);
        if (partitions != null) {
            all.keySet().retainAll(new HashSet<>(partitions));
        }
        return all;
    }

    // ---- transactions (called by the transaction coordinator) ----

    /**
     * Appends the offsets to {@code __consumer_offsets} as transactional records of the producer; they become visible
     * to {@link #fetchOffsets} only when {@link #completeTransaction} reports the transaction committed. Like the
     * transaction's data, they are made durable by the commit, before its decision is (see TransactionCoordinator).
     */
    @Override
    public synchronized void stageTransactionalOffsets(long producerId, short producerEpoch,
                                                       ConsumerGroupMetadata groupMetadata,
                                                       Map<TopicPartition, OffsetAndMetadata> commits) {
        String groupId = groupMetadata.groupId();
        // A producer given only a group id (generation -1, no member) commits as before KIP-447.
        if (groupMetadata.generationId() >= 0 || !groupMetadata.memberId().isEmpty()) {
            requireCurrentMember(groups.get(groupId), groupMetadata.memberId(), groupMetadata.generationId());
        }
        writeExisting(commits, existing -> offsets.stage(producerId, producerEpoch, groupId, existing));
    }

    /**
     * Called after the COMMIT or ABORT marker is written to {@code __consumer_offsets}: applies or discards the
     * producer's staged offsets.
     */
    @Override
    public synchronized void completeTransaction(long producerId, boolean committed) {
        offsets.complete(producerId, committed);
    }

    /** The partition of {@code __consumer_offsets} that holds the group's offsets (and the transaction markers). */
    @Override
    public synchronized TopicPartition offsetsPartitionFor(String groupId) {
        return offsets.partitionFor(groupId);
    }

    /** Whether the producer has staged offsets waiting for a transaction marker; for tests. */
    public synchronized boolean hasPendingTransactionalOffsets(long producerId) {
        return offsets.hasPending(producerId);
    }

    // ---- admin ----

    /** Every group with members or committed offsets, sorted by id. */
    public synchronized List<GroupSummary> listGroups() {
        Set<String> ids = new TreeSet<>(offsets.groups());
        groups.forEach((id, group) -> {
            if (!group.members.isEmpty() || group.generation > 0) {
                ids.add(id);
            }
        });
        List<GroupSummary> result = new ArrayList<>();
        ids.forEach(id -> result.add(describe(id)));
        return result;
    }

    /** Throws {@link GroupIdNotFoundException} for a group with neither members nor offsets. */
    public synchronized GroupSummary describe(String groupId) {
        ConsumerGroup group = groups.get(groupId);
        if (group == null && !offsets.groups().contains(groupId)) {
            throw new GroupIdNotFoundException("Group " + groupId + " not found.");
        }
        if (group == null) {
            return new GroupSummary(groupId, GroupState.EMPTY, "", 0, List.of());
        }
        List<GroupSummary.MemberSummary> members = new ArrayList<>();
        for (GroupMember m : group.members.values()) {
            members.add(new GroupSummary.MemberSummary(m.memberId, m.groupInstanceId, m.clientId,
                new HashSet<>(m.assignment)));
        }
        return new GroupSummary(groupId, group.state, group.protocolName == null ? "" : group.protocolName,
            group.generation, members);
    }

    /** Deletes an empty group and its offsets (tombstones). */
    public synchronized void deleteGroup(String groupId) {
        ConsumerGroup group = groups.get(groupId);
        if (group != null && !group.members.isEmpty()) {
            throw new GroupNotEmptyException("The group is not empty.");
        }
        if (group == null && !offsets.groups().contains(groupId)) {
            throw new GroupIdNotFoundException("The group id does not exist.");
        }
        offsets.delete(groupId, offsets.fetch(groupId).keySet());
        groups.remove(groupId);
    }

    /**
     * Sets a group's offsets. Refused while the group has members with {@link UnknownMemberIdException}, the error
     * Kafka's coordinator gives a commit without a member id to an active group.
     */
    public synchronized void alterOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> commits) {
        ConsumerGroup group = groups.get(groupId);
        if (group != null && !group.members.isEmpty()) {
            throw new UnknownMemberIdException("The coordinator is not aware of this member: group " + groupId
                + " has " + group.members.size() + " active member(s); stop its consumers before altering its "
                + "offsets.");
        }
        writeExisting(commits, existing -> offsets.commit(groupId, existing));
    }

    /**
     * Deletes {@code topic} through {@code removeTopic}, first writing tombstones for every group's committed offsets
     * of it, as Kafka's coordinator drops them; under this coordinator's lock, so that no commit of the topic lands in
     * between, and tombstones first, so that a crash between the two leaves no offsets of a deleted topic.
     *
     * @throws InvalidTopicException for {@code __consumer_offsets}, which holds every group's offsets
     */
    public synchronized void deleteTopic(String topic, Runnable removeTopic) {
        if (topic.equals(OffsetStore.TOPIC)) {
            throw new InvalidTopicException("Topic " + topic + " is an internal topic, holding every group's "
                + "committed offsets, and cannot be deleted");
        }
        offsets.deleteTopic(topic);
        removeTopic.run();
    }

    /** Deletes offsets of partitions whose topics no member subscribes to. */
    public synchronized void deleteOffsets(String groupId, Set<TopicPartition> partitions) {
        ConsumerGroup group = groups.get(groupId);
        if (group == null && !offsets.groups().contains(groupId)) {
            throw new GroupIdNotFoundException("The group id does not exist.");
        }
        if (group != null) {
            Set<String> subscribed = group.subscribedTopics();
            for (TopicPartition tp : partitions) {
                if (subscribed.contains(tp.topic())) {
                    throw new GroupSubscribedToTopicException("The consumer group is actively subscribed to the "
                        + "topic " + tp.topic() + ".");
                }
            }
        }
        offsets.delete(groupId, partitions);
    }

    // ---- expiry ----

    /**
     * Removes members whose session expired (static members whose consumer closed), whose consumer stopped polling
     * for longer than {@code max.poll.interval.ms}, or that did not rejoin a rebalance in time. Returns how many.
     */
    public synchronized int doWork() {
        long now = time.milliseconds();
        int removed = 0;
        for (ConsumerGroup group : new ArrayList<>(groups.values())) {
            for (GroupMember member : new ArrayList<>(group.members.values())) {
                String reason = expiry(group, member, now);
                if (reason != null) {
                    LOG.info("Removing {} from group {}: {}", member, group.groupId, reason);
                    group.remove(member, now, reason);
                    removed++;
                }
            }
            group.maybeComplete(partitionCounts(group));
        }
        if (removed > 0) {
            log.appendNotifier().signalAppend();
            notifyAll();
        }
        return removed;
    }

    private static String expiry(ConsumerGroup group, GroupMember member, long now) {
        if (!member.clientOpen && now - member.closedAtMs > member.sessionTimeoutMs) {
            return "session timeout of " + member.sessionTimeoutMs + " ms expired";
        }
        long sincePoll = now - member.lastPollMs();
        long pollLimit = member.rebalanceTimeoutMs + (member.groupInstanceId.isPresent() ? member.sessionTimeoutMs : 0);
        if (member.clientOpen && sincePoll > pollLimit) {
            return "consumer poll timeout has expired: " + sincePoll + " ms since the last poll, more than "
                + "max.poll.interval.ms " + member.rebalanceTimeoutMs;
        }
        if (group.state == GroupState.PREPARING_REBALANCE && !member.joined
            && now - group.rebalanceStartMs > group.rebalanceTimeoutMs()) {
            return "did not rejoin within the rebalance timeout of " + group.rebalanceTimeoutMs() + " ms";
        }
        return null;
    }

    /** Checks every group's invariants; for tests. */
    public synchronized void checkInvariants() {
        groups.values().forEach(ConsumerGroup::checkInvariants);
    }

    /** The group's current generation, or -1 if it is unknown; for tests and tools. */
    public synchronized int generation(String groupId) {
        ConsumerGroup group = groups.get(groupId);
        return group == null ? -1 : group.generation;
    }

    public synchronized Optional<GroupState> state(String groupId) {
        ConsumerGroup group = groups.get(groupId);
        return group == null ? Optional.empty() : Optional.of(group.state);
    }

    private void run() {
        synchronized (this) {
            while (running) {
                try {
                    doWork();
                    wait(MAX_IDLE_MS);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.error("Group coordinator round failed in {}: {}", log.dataDir(), e.toString(), e);
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        if (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
