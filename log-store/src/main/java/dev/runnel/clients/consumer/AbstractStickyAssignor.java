package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The assignment that Kafka's {@code sticky} and {@code cooperative-sticky} assignors share: balanced (member counts
 * differ by at most one among members that could take more), keeping as many partitions with their previous owners as
 * it can. Subclasses say where a member's previous partitions come from ({@link #memberData}); the protocol decides
 * what happens to the partitions that move. Thread-safe: the assignment is a pure function of its arguments.
 */
abstract class AbstractStickyAssignor implements ConsumerPartitionAssignor {
    /** The generation of a member that reports none, older than every real one; Kafka's value. */
    static final int DEFAULT_GENERATION = -1;

    /*
     * Implementation notes.
     *
     * 1. Keep: every member keeps the previously owned partitions that still exist, are in its subscription and that
     *    no other member claims too. A partition claimed twice goes to the claim of the latest generation (a member
     *    that missed a rebalance, having been removed, reports a stale one), ties to the first member in member
     *    order (only a fenced member can cause those).
     * 2. Fill: the remaining partitions, in topic/partition order, go one by one to the eligible member with the
     *    fewest partitions (ties: member order).
     * 3. Balance: while some member has at least two more partitions than an eligible member for one of them, one such
     *    partition moves from the most loaded member to the least loaded one. Every move lowers the sum of squared
     *    counts, so the loop ends; with equal subscriptions it ends with counts that differ by at most one, having
     *    moved only the partitions that the new quotas force to move.
     *
     * See KIP-54 (sticky), KIP-341 (generations in the sticky user data) and KIP-429 (cooperative) for Kafka's design.
     */

    /** A member's partitions in the assignment before this rebalance, and the generation of that assignment. */
    record MemberData(List<TopicPartition> partitions, int generation) {
        MemberData {
            partitions = List.copyOf(partitions);
        }
    }

    /** Returns the member's previous partitions and their generation, as carried by its subscription. */
    abstract MemberData memberData(Subscription subscription);

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, Subscription> subscriptions) {
        List<String> members = subscriptions.entrySet().stream().sorted(MEMBER_ORDER).map(Map.Entry::getKey).toList();
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            rank.put(members.get(i), i);
        }
        Map<String, TreeSet<TopicPartition>> owned = keepPreviousPartitions(partitionsPerTopic, subscriptions,
            members);
        Set<TopicPartition> taken = new HashSet<>();
        owned.values().forEach(taken::addAll);
        Comparator<String> byLoad = Comparator.<String>comparingInt(m -> owned.get(m).size())
            .thenComparingInt(rank::get);
        for (TopicPartition tp : allPartitions(partitionsPerTopic, subscriptions)) {
            if (!taken.contains(tp)) {
                members.stream().filter(m -> subscriptions.get(m).topics().contains(tp.topic())).min(byLoad)
                    .ifPresent(m -> owned.get(m).add(tp));
            }
        }
        balance(members, owned, subscriptions, byLoad);
        Map<String, List<TopicPartition>> assignment = new HashMap<>();
        owned.forEach((member, partitions) -> assignment.put(member, new ArrayList<>(partitions)));
        return assignment;
    }

    /** Step 1 of the notes: each member's previous partitions that it may keep, with claims in generation order. */
    private Map<String, TreeSet<TopicPartition>> keepPreviousPartitions(Map<String, Integer> partitionsPerTopic,
                                                                       Map<String, Subscription> subscriptions,
                                                                       List<String> members) {
        Map<String, MemberData> previous = new HashMap<>();
        members.forEach(m -> previous.put(m, memberData(subscriptions.get(m))));
        List<String> claimOrder = new ArrayList<>(members);
        // A stable sort, so equal generations keep member order.
        claimOrder.sort(Comparator.comparingInt((String m) -> previous.get(m).generation()).reversed());
        Map<String, TreeSet<TopicPartition>> owned = new HashMap<>();
        Set<TopicPartition> taken = new HashSet<>();
        for (String member : claimOrder) {
            TreeSet<TopicPartition> keep = new TreeSet<>(PARTITION_ORDER);
            Subscription subscription = subscriptions.get(member);
            for (TopicPartition tp : previous.get(member).partitions()) {
                Integer count = partitionsPerTopic.get(tp.topic());
                if (count != null && tp.partition() < count && subscription.topics().contains(tp.topic())
                    && taken.add(tp)) {
                    keep.add(tp);
                }
            }
            owned.put(member, keep);
        }
        return owned;
    }

    private static void balance(List<String> members, Map<String, TreeSet<TopicPartition>> owned,
                                Map<String, Subscription> subscriptions, Comparator<String> byLoad) {
        boolean moved = true;
        while (moved) {
            moved = false;
            List<String> byDescendingLoad = new ArrayList<>(members);
            byDescendingLoad.sort(byLoad.reversed());
            outer:
            for (String from : byDescendingLoad) {
                List<String> receivers = new ArrayList<>(members);
                receivers.sort(byLoad);
                for (String to : receivers) {
                    if (owned.get(from).size() - owned.get(to).size() < 2) {
                        break;
                    }
                    // Move the highest partition the receiver can take, so kept partitions stay low and stable.
                    for (TopicPartition tp : owned.get(from).descendingSet()) {
                        if (subscriptions.get(to).topics().contains(tp.topic())) {
                            owned.get(from).remove(tp);
                            owned.get(to).add(tp);
                            moved = true;
                            break outer;
                        }
                    }
                }
            }
        }
    }

    private static final Comparator<TopicPartition> PARTITION_ORDER = Comparator.comparing(TopicPartition::topic)
        .thenComparingInt(TopicPartition::partition);

    private static List<TopicPartition> allPartitions(Map<String, Integer> partitionsPerTopic,
                                                      Map<String, Subscription> subscriptions) {
        TreeSet<String> topics = new TreeSet<>();
        subscriptions.values().forEach(s -> topics.addAll(s.topics()));
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            Integer count = partitionsPerTopic.get(topic);
            for (int p = 0; count != null && p < count; p++) {
                all.add(new TopicPartition(topic, p));
            }
        }
        return all;
    }
}
