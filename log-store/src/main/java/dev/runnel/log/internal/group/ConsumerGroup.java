package dev.runnel.log.internal.group;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor.Subscription;
import dev.runnel.common.GroupState;
import dev.runnel.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group's membership and rebalance state machine. Not thread-safe; every method runs under the
 * {@link GroupCoordinator}'s lock.
 */
final class ConsumerGroup {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroup.class);

    /*
     * Implementation notes: the classic (pre-KIP-848) rebalance protocol, run in-process.
     *
     * - A rebalance starts (state PreparingRebalance) when a member joins, leaves, is removed, or asks for one. Every
     *   member that had joined the previous generation is asked to rejoin (its rejoinRequested flag, which the
     *   consumer checks on each poll). Members that joined during this round stay joined.
     * - It completes as soon as every member has rejoined, or after the longest rebalance timeout
     *   (max.poll.interval.ms) with the members that have not rejoined removed, as Kafka's coordinator does. There is
     *   no separate leader-side assignment and SyncGroup round trip: the coordinator runs the chosen assignor itself
     *   and completes the generation atomically, so CompletingRebalance is never observed; consumers collect their
     *   assignment on their next poll.
     * - The assignor is the one every member supports that most members list first (Kafka's vote). The protocol is
     *   cooperative only if every member's assignors all support it. Then a partition whose owner changes is left out
     *   of the new owner's assignment; the old owner revokes it and rejoins, and the follow-up rebalance hands it over,
     *   so no partition has two owners at once (KIP-429).
     * - With eager assignors members revoke everything before they rejoin, so the new owner of a partition only gets
     *   it after the old owner revoked it (and committed, from onPartitionsRevoked).
     * - Generations increase by one per completed rebalance, including the one that leaves the group empty.
     * - Static members (group.instance.id) that close stay in the group, their assignment kept, until
     *   session.timeout.ms passes; a consumer that rejoins with the same instance id before then takes the member's
     *   place (a new member id, the old one fenced) without a rebalance if its subscription is unchanged (KIP-345).
     */

    final String groupId;
    GroupState state = GroupState.EMPTY;
    int generation;
    String protocolName;
    long rebalanceStartMs;
    final Map<String, GroupMember> members = new LinkedHashMap<>();
    final Map<String, GroupMember> staticMembers = new HashMap<>();

    ConsumerGroup(String groupId) {
        this.groupId = groupId;
    }

    void add(GroupMember member) {
        members.put(member.memberId, member);
        member.groupInstanceId.ifPresent(id -> staticMembers.put(id, member));
    }

    /** Starts a rebalance, unless one is already in progress; returns whether one started. */
    boolean prepareRebalance(long nowMs, String reason) {
        if (state == GroupState.PREPARING_REBALANCE) {
            return false;
        }
        LOG.info("Group {} is rebalancing in generation {}: {}", groupId, generation, reason);
        state = GroupState.PREPARING_REBALANCE;
        rebalanceStartMs = nowMs;
        for (GroupMember member : members.values()) {
            member.joined = false;
            member.rejoinRequested = true;
        }
        return true;
    }

    void remove(GroupMember member, long nowMs, String reason) {
        if (members.remove(member.memberId) == null) {
            return;
        }
        member.groupInstanceId.ifPresent(id -> staticMembers.remove(id, member));
        member.removalReason = reason;
        member.removed = true;
        if (members.isEmpty()) {
            if (state != GroupState.EMPTY) {
                generation++;
            }
            state = GroupState.EMPTY;
            protocolName = null;
            return;
        }
        prepareRebalance(nowMs, member + " left: " + reason);
    }

    /** Completes the rebalance if every member has rejoined. */
    boolean maybeComplete(Map<String, Integer> partitionsPerTopic) {
        if (state != GroupState.PREPARING_REBALANCE || members.values().stream().anyMatch(m -> !m.joined)) {
            return false;
        }
        complete(partitionsPerTopic);
        return true;
    }

    /** The longest rebalance timeout among the members, Kafka's bound on waiting for rejoins. */
    int rebalanceTimeoutMs() {
        return members.values().stream().mapToInt(m -> m.rebalanceTimeoutMs).max().orElse(0);
    }

    Set<String> subscribedTopics() {
        Set<String> topics = new LinkedHashSet<>();
        members.values().forEach(m -> topics.addAll(m.topics));
        return topics;
    }

    private void complete(Map<String, Integer> partitionsPerTopic) {
        ConsumerPartitionAssignor assignor = chooseAssignor();
        Map<String, Subscription> subscriptions = new HashMap<>();
        members.forEach((id, m) -> subscriptions.put(id, new Subscription(m.topics, m.owned, m.groupInstanceId,
            userData(m, assignor.name()))));
        Map<String, Integer> relevant = new HashMap<>();
        subscribedTopics().forEach(t -> {
            if (partitionsPerTopic.containsKey(t)) {
                relevant.put(t, partitionsPerTopic.get(t));
            }
        });
        Map<String, ConsumerPartitionAssignor.Assignment> assigned = assignor.assignWithUserData(relevant,
            subscriptions);
        Map<String, List<TopicPartition>> assignment = new HashMap<>();
        for (Map.Entry<String, ConsumerPartitionAssignor.Assignment> entry : assigned.entrySet()) {
            assignment.put(entry.getKey(), entry.getValue().partitions());
        }
        boolean cooperative = members.values().stream().allMatch(m -> m.protocol() == RebalanceProtocol.COOPERATIVE);
        if (cooperative) {
            assignment = withholdMovedPartitions(assignment, subscriptions);
        }
        generation++;
        protocolName = assignor.name();
        state = GroupState.STABLE;
        for (GroupMember member : members.values()) {
            member.assignment = List.copyOf(assignment.getOrDefault(member.memberId, List.of()));
            ConsumerPartitionAssignor.Assignment own = assigned.get(member.memberId);
            member.assignmentProtocol = protocolName;
            member.assignmentUserData = own == null ? null : own.userData();
            member.assignedGeneration = generation;
            member.synced = false;
            member.awaitingAssignment = false;
        }
        LOG.info("Group {} completed generation {} with {} member(s), assignor {}", groupId, generation,
            members.size(), protocolName);
    }

    /** Asks the member's own assignor named {@code name} (in-process, as the member joined with it) for its data. */
    private static java.nio.ByteBuffer userData(GroupMember member, String name) {
        for (ConsumerPartitionAssignor assignor : member.assignors) {
            if (assignor.name().equals(name)) {
                return assignor.subscriptionUserData(new LinkedHashSet<>(member.topics));
            }
        }
        return null;
    }

    /**
     * Removes from each member's target the partitions another member owns now: they move in a follow-up rebalance,
     * once their owner has revoked them. A pure function, for the cooperative protocol.
     */
    static Map<String, List<TopicPartition>> withholdMovedPartitions(Map<String, List<TopicPartition>> target,
                                                                     Map<String, Subscription> subscriptions) {
        Map<TopicPartition, String> owners = new HashMap<>();
        subscriptions.forEach((member, s) -> s.ownedPartitions().forEach(tp -> owners.putIfAbsent(tp, member)));
        Map<String, List<TopicPartition>> adjusted = new HashMap<>();
        target.forEach((member, partitions) -> {
            List<TopicPartition> kept = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                String owner = owners.get(tp);
                if (owner == null || owner.equals(member)) {
                    kept.add(tp);
                }
            }
            adjusted.put(member, kept);
        });
        return adjusted;
    }

    /** The assignor all members support that most members prefer, ties going to the earlier-joined member's order. */
    private ConsumerPartitionAssignor chooseAssignor() {
        List<GroupMember> all = new ArrayList<>(members.values());
        Map<String, ConsumerPartitionAssignor> candidates = new LinkedHashMap<>();
        all.get(0).assignors.forEach(a -> candidates.put(a.name(), a));
        for (GroupMember member : all) {
            candidates.keySet().retainAll(member.assignors.stream().map(ConsumerPartitionAssignor::name).toList());
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("Members of group " + groupId + " share no assignor");
        }
        Map<String, Integer> votes = new HashMap<>();
        for (GroupMember member : all) {
            member.assignors.stream().map(ConsumerPartitionAssignor::name).filter(candidates::containsKey).findFirst()
                .ifPresent(name -> votes.merge(name, 1, Integer::sum));
        }
        ToIntFunction<String> count = name -> votes.getOrDefault(name, 0);
        String best = candidates.keySet().stream().reduce((a, b) -> count.applyAsInt(b) > count.applyAsInt(a) ? b : a)
            .orElseThrow();
        return candidates.get(best);
    }

    /** Checks that no two members are assigned one partition; for tests. */
    void checkInvariants() {
        Set<TopicPartition> seen = new java.util.HashSet<>();
        for (GroupMember member : members.values()) {
            for (TopicPartition tp : member.assignment) {
                if (!seen.add(tp)) {
                    throw new IllegalStateException("Partition " + tp + " is assigned twice in group " + groupId);
                }
            }
        }
    }
}
