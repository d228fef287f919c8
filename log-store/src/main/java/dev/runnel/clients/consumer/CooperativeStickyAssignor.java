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
 * Kafka's {@code cooperative-sticky} assignor: a balanced assignment (member counts differ by at most one among
 * members that could take more) that keeps as many partitions with their current owners as it can, run with the
 * cooperative protocol, so that only the partitions that move are revoked.
 */
public class CooperativeStickyAssignor implements ConsumerPartitionAssignor {
    public static final String COOPERATIVE_STICKY_ASSIGNOR_NAME = "cooperative-sticky";

    /*
     * Implementation notes.
     *
     * 1. Keep: every member keeps the owned partitions that still exist, are in its subscription and that no other
     *    member claims too (a partition claimed twice, which only a fenced member can cause, goes to the first member
     *    in member order).
     * 2. Fill: the remaining partitions, in topic/partition order, go one by one to the eligible member with the
     *    fewest partitions (ties: member order).
     * 3. Balance: while some member has at least two more partitions than an eligible member for one of them, one such
     *    partition moves from the most loaded member to the least loaded one. Every move lowers the sum of squared
     *    counts, so the loop ends; with equal subscriptions it ends with counts that differ by at most one, having
     *    moved only the partitions that the new quotas force to move.
     *
     * The cooperative half (a moved partition is withheld from its new owner until the old owner has revoked it, in a
     * follow-up rebalance) is not the assignor's job here: the group coordinator applies it to any assignor whose
     * protocol is cooperative. See KIP-429 and KIP-341 for Kafka's design.
     */

    @Override
    public String name() {
        return COOPERATIVE_STICKY_ASSIGNOR_NAME;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, Subscription> subscriptions) {
        List<String> members = subscriptions.entrySet().stream().sorted(MEMBER_ORDER).map(Map.Entry::getKey).toList();
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            rank.put(members.get(i), i);
        }
        Map<String, TreeSet<TopicPartition>> owned = new HashMap<>();
        Set<TopicPartition> taken = new HashSet<>();
        for (String member : members) {
            TreeSet<TopicPartition> keep = new TreeSet<>(PARTITION_ORDER);
            Subscription subscription = subscriptions.get(member);
            for (TopicPartition tp : subscription.ownedPartitions()) {
                Integer count = partitionsPerTopic.get(tp.topic());
                if (count != null && tp.partition() < count && subscription.topics().contains(tp.topic())
                    && taken.add(tp)) {
                    keep.add(tp);
                }
            }
            owned.put(member, keep);
        }
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
