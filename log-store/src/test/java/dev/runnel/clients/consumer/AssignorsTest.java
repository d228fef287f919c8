package dev.runnel.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor.Subscription;
import dev.runnel.common.TopicPartition;
import dev.runnel.testing.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The assignors as pure functions, against the results Kafka's documentation works through by hand. */
class AssignorsTest {
    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static Map<String, Subscription> subscriptions(Object... memberAndTopics) {
        Map<String, Subscription> subscriptions = new HashMap<>();
        for (int i = 0; i < memberAndTopics.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> topics = (List<String>) memberAndTopics[i + 1];
            subscriptions.put((String) memberAndTopics[i], new Subscription(topics));
        }
        return subscriptions;
    }

    @Test
    void rangeShouldGiveTheFirstMembersTheExtraPartitionOfEveryTopic() {
        // Kafka's RangeAssignor Javadoc: C0, C1 on t0 and t1 with 3 partitions each.
        Map<String, List<TopicPartition>> assignment = new RangeAssignor().assign(Map.of("t0", 3, "t1", 3),
            subscriptions("C0", List.of("t0", "t1"), "C1", List.of("t0", "t1")));
        assertEquals(List.of(tp("t0", 0), tp("t0", 1), tp("t1", 0), tp("t1", 1)), assignment.get("C0"));
        assertEquals(List.of(tp("t0", 2), tp("t1", 2)), assignment.get("C1"));
    }

    @Test
    void rangeShouldSplitSixPartitionsOverThreeMembersTwoEach() {
        Map<String, List<TopicPartition>> assignment = new RangeAssignor().assign(Map.of("t", 6),
            subscriptions("a", List.of("t"), "b", List.of("t"), "c", List.of("t")));
        assertEquals(List.of(tp("t", 0), tp("t", 1)), assignment.get("a"));
        assertEquals(List.of(tp("t", 2), tp("t", 3)), assignment.get("b"));
        assertEquals(List.of(tp("t", 4), tp("t", 5)), assignment.get("c"));
    }

    @Test
    void rangeShouldLeaveMembersBeyondThePartitionCountEmpty() {
        Map<String, List<TopicPartition>> assignment = new RangeAssignor().assign(Map.of("t", 2),
            subscriptions("a", List.of("t"), "b", List.of("t"), "c", List.of("t")));
        assertEquals(List.of(tp("t", 0)), assignment.get("a"));
        assertEquals(List.of(tp("t", 1)), assignment.get("b"));
        assertEquals(List.of(), assignment.get("c"));
    }

    @Test
    void rangeShouldOrderStaticMembersByInstanceIdBeforeDynamicOnes() {
        Map<String, Subscription> subscriptions = new HashMap<>();
        subscriptions.put("a-dynamic", new Subscription(List.of("t")));
        subscriptions.put("z-static", new Subscription(List.of("t"), List.of(), Optional.of("instance-1")));
        Map<String, List<TopicPartition>> assignment = new RangeAssignor().assign(Map.of("t", 3), subscriptions);
        assertEquals(List.of(tp("t", 0), tp("t", 1)), assignment.get("z-static"));
        assertEquals(List.of(tp("t", 2)), assignment.get("a-dynamic"));
    }

    @Test
    void roundRobinShouldDealPartitionsInTurn() {
        // Kafka's RoundRobinAssignor Javadoc, first example.
        Map<String, List<TopicPartition>> assignment = new RoundRobinAssignor().assign(Map.of("t0", 3, "t1", 3),
            subscriptions("C0", List.of("t0", "t1"), "C1", List.of("t0", "t1")));
        assertEquals(List.of(tp("t0", 0), tp("t0", 2), tp("t1", 1)), assignment.get("C0"));
        assertEquals(List.of(tp("t0", 1), tp("t1", 0), tp("t1", 2)), assignment.get("C1"));
    }

    @Test
    void roundRobinShouldSkipMembersNotSubscribedToATopic() {
        // Kafka's RoundRobinAssignor Javadoc, second example: t0 has 1 partition, t1 2, t2 3.
        Map<String, List<TopicPartition>> assignment = new RoundRobinAssignor().assign(
            Map.of("t0", 1, "t1", 2, "t2", 3),
            subscriptions("C0", List.of("t0"), "C1", List.of("t0", "t1"), "C2", List.of("t0", "t1", "t2")));
        assertEquals(List.of(tp("t0", 0)), assignment.get("C0"));
        assertEquals(List.of(tp("t1", 0)), assignment.get("C1"));
        assertEquals(List.of(tp("t1", 1), tp("t2", 0), tp("t2", 1), tp("t2", 2)), assignment.get("C2"));
    }

    @Test
    void stickyShouldMoveOnlyWhatANewMemberNeeds() {
        Map<String, Subscription> subscriptions = new HashMap<>();
        subscriptions.put("a", new Subscription(List.of("t"), List.of(tp("t", 0), tp("t", 1)), Optional.empty()));
        subscriptions.put("b", new Subscription(List.of("t"), List.of(tp("t", 2), tp("t", 3)), Optional.empty()));
        subscriptions.put("c", new Subscription(List.of("t"), List.of(tp("t", 4), tp("t", 5)), Optional.empty()));
        subscriptions.put("d", new Subscription(List.of("t")));
        Map<String, List<TopicPartition>> assignment = new CooperativeStickyAssignor().assign(Map.of("t", 6),
            subscriptions);
        int moved = 0;
        for (String member : List.of("a", "b", "c")) {
            assertTrue(subscriptions.get(member).ownedPartitions().containsAll(assignment.get(member)), member);
            moved += 2 - assignment.get(member).size();
        }
        assertEquals(1, assignment.get("d").size());
        assertEquals(1, moved);
    }

    static LongStream seeds() {
        return Seeds.seeds(20);
    }

    /**
     * Random groups over random topics, each member owning a random part of its subscription: every partition is
     * assigned exactly once, equal subscriptions give counts within one, and no member loses an owned partition while
     * it is within its quota.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void stickyShouldBeBalancedCompleteAndSticky(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Integer> topics = new TreeMap<>();
        for (int t = 0; t < 1 + random.nextInt(3); t++) {
            topics.put("t" + t, 1 + random.nextInt(12));
        }
        List<String> topicNames = new ArrayList<>(topics.keySet());
        List<TopicPartition> all = new ArrayList<>();
        topics.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                all.add(tp(topic, p));
            }
        });
        int members = 1 + random.nextInt(6);
        Map<String, Subscription> subscriptions = new HashMap<>();
        Set<TopicPartition> claimed = new HashSet<>();
        for (int m = 0; m < members; m++) {
            List<TopicPartition> owned = new ArrayList<>();
            for (TopicPartition tp : all) {
                if (random.nextInt(members + 1) == 0 && claimed.add(tp)) {
                    owned.add(tp);
                }
            }
            subscriptions.put("m" + m, new Subscription(topicNames, owned, Optional.empty()));
        }
        Map<String, List<TopicPartition>> assignment = new CooperativeStickyAssignor().assign(topics, subscriptions);
        List<TopicPartition> assigned = new ArrayList<>();
        assignment.values().forEach(assigned::addAll);
        assertEquals(all.size(), assigned.size(), "seed " + seed + ": " + assignment);
        assertEquals(new HashSet<>(all), new HashSet<>(assigned), "seed " + seed);
        int min = assignment.values().stream().mapToInt(List::size).min().orElseThrow();
        int max = assignment.values().stream().mapToInt(List::size).max().orElseThrow();
        assertTrue(max - min <= 1, "seed " + seed + ": unbalanced " + assignment);
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            List<TopicPartition> owned = e.getValue().ownedPartitions();
            List<TopicPartition> kept = assignment.get(e.getKey()).stream().filter(owned::contains).toList();
            // A member keeps min(owned, its final count) of its partitions: it only gives up what it must.
            assertEquals(Math.min(owned.size(), assignment.get(e.getKey()).size()), kept.size(),
                "seed " + seed + ": member " + e.getKey() + " owned " + owned + " got " + assignment.get(e.getKey()));
        }
    }

    @Test
    void shouldParseKafkaAndRunnelAssignorNames() {
        assertEquals(List.of("range", "cooperative-sticky"), names(GroupSettings.assignors(null)));
        assertEquals(List.of("range", "roundrobin", "cooperative-sticky"), names(GroupSettings.assignors(
            "org.apache.kafka.clients.consumer.RangeAssignor, org.apache.kafka.clients.consumer.RoundRobinAssignor,"
                + "org.apache.kafka.clients.consumer.CooperativeStickyAssignor")));
        assertEquals(List.of("range", "roundrobin", "cooperative-sticky"), names(GroupSettings.assignors(List.of(
            RangeAssignor.class.getName(), RoundRobinAssignor.class, "cooperative-sticky"))));
        assertEquals(List.of("roundrobin"), names(GroupSettings.assignors("round-robin")));
    }

    private static List<String> names(List<ConsumerPartitionAssignor> assignors) {
        return assignors.stream().map(ConsumerPartitionAssignor::name).toList();
    }
}
