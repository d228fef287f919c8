package dev.runnel.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor.Subscription;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.testing.Seeds;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
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

    /**
     * The two sticky assignors, each told a member's previous partitions its own way: cooperative members still own
     * them; eager members revoked them and send them, with their generation, in the user data of their own assignor.
     */
    enum Sticky {
        COOPERATIVE {
            @Override
            ConsumerPartitionAssignor assignor() {
                return new CooperativeStickyAssignor();
            }

            @Override
            Subscription subscription(List<String> topics, List<TopicPartition> previous, int generation) {
                return new Subscription(topics, previous, Optional.empty());
            }
        },
        EAGER {
            @Override
            ConsumerPartitionAssignor assignor() {
                return new StickyAssignor();
            }

            @Override
            Subscription subscription(List<String> topics, List<TopicPartition> previous, int generation) {
                StickyAssignor member = new StickyAssignor();
                member.onAssignment(new ConsumerPartitionAssignor.Assignment(previous, null),
                    new ConsumerGroupMetadata("g", generation, "member", Optional.empty()));
                return new Subscription(topics, List.of(), Optional.empty(),
                    member.subscriptionUserData(new HashSet<>(topics)));
            }
        };

        abstract ConsumerPartitionAssignor assignor();

        abstract Subscription subscription(List<String> topics, List<TopicPartition> previous, int generation);
    }

    @ParameterizedTest
    @EnumSource(Sticky.class)
    void stickyShouldMoveOnlyWhatANewMemberNeeds(Sticky sticky) {
        Map<String, List<TopicPartition>> previous = Map.of("a", List.of(tp("t", 0), tp("t", 1)),
            "b", List.of(tp("t", 2), tp("t", 3)), "c", List.of(tp("t", 4), tp("t", 5)));
        Map<String, Subscription> subscriptions = new HashMap<>();
        previous.forEach((member, had) -> subscriptions.put(member, sticky.subscription(List.of("t"), had, 3)));
        subscriptions.put("d", new Subscription(List.of("t")));
        Map<String, List<TopicPartition>> assignment = sticky.assignor().assign(Map.of("t", 6), subscriptions);
        int moved = 0;
        for (String member : List.of("a", "b", "c")) {
            assertTrue(previous.get(member).containsAll(assignment.get(member)), member + ": " + assignment);
            moved += 2 - assignment.get(member).size();
        }
        assertEquals(1, assignment.get("d").size());
        assertEquals(1, moved);
    }

    @ParameterizedTest
    @EnumSource(Sticky.class)
    void stickyShouldHandALeavingMembersPartitionsToTheOthersAndMoveNothingElse(Sticky sticky) {
        Map<String, Subscription> subscriptions = new HashMap<>();
        subscriptions.put("a", sticky.subscription(List.of("t"), List.of(tp("t", 0), tp("t", 3)), 3));
        subscriptions.put("b", sticky.subscription(List.of("t"), List.of(tp("t", 1), tp("t", 4)), 3));
        // c, which had partitions 2 and 5, has left.
        Map<String, List<TopicPartition>> assignment = sticky.assignor().assign(Map.of("t", 6), subscriptions);
        assertEquals(List.of(tp("t", 0), tp("t", 2), tp("t", 3)), assignment.get("a"));
        assertEquals(List.of(tp("t", 1), tp("t", 4), tp("t", 5)), assignment.get("b"));
    }

    @Test
    void stickyShouldBalanceAGroupWithoutPreviousAssignments() {
        Map<String, List<TopicPartition>> assignment = new StickyAssignor().assign(Map.of("t0", 4, "t1", 3),
            subscriptions("a", List.of("t0", "t1"), "b", List.of("t0", "t1"), "c", List.of("t0", "t1")));
        assertEquals(List.of(tp("t0", 0), tp("t0", 3), tp("t1", 2)), assignment.get("a"));
        assertEquals(List.of(tp("t0", 1), tp("t1", 0)), assignment.get("b"));
        assertEquals(List.of(tp("t0", 2), tp("t1", 1)), assignment.get("c"));
    }

    @Test
    void stickyShouldGiveAPartitionClaimedTwiceToTheLatestGeneration() {
        // a was removed in generation 4 and rejoins with its stale generation-4 assignment; b got t-0 in generation 5.
        Map<String, Subscription> subscriptions = new HashMap<>();
        subscriptions.put("a", Sticky.EAGER.subscription(List.of("t"), List.of(tp("t", 0), tp("t", 1)), 4));
        subscriptions.put("b", Sticky.EAGER.subscription(List.of("t"), List.of(tp("t", 0), tp("t", 2)), 5));
        Map<String, List<TopicPartition>> assignment = new StickyAssignor().assign(Map.of("t", 4), subscriptions);
        assertEquals(List.of(tp("t", 1), tp("t", 3)), assignment.get("a"));
        assertEquals(List.of(tp("t", 0), tp("t", 2)), assignment.get("b"));
    }

    @Test
    void stickyShouldCarryItsLastAssignmentAndGenerationInItsUserData() {
        StickyAssignor assignor = new StickyAssignor();
        assertNull(assignor.subscriptionUserData(Set.of("t0")), "nothing before the first assignment");
        List<TopicPartition> partitions = List.of(tp("t1", 2), tp("t0", 0), tp("t1", 0));
        assignor.onAssignment(new ConsumerPartitionAssignor.Assignment(partitions, null),
            new ConsumerGroupMetadata("g", 7, "member", Optional.empty()));
        ByteBuffer userData = assignor.subscriptionUserData(Set.of("t0", "t1"));
        AbstractStickyAssignor.MemberData read = assignor.memberData(new Subscription(List.of("t0", "t1"), List.of(),
            Optional.empty(), userData));
        assertEquals(Set.copyOf(partitions), Set.copyOf(read.partitions()));
        assertEquals(7, read.generation());
        assertEquals(userData, assignor.subscriptionUserData(Set.of("t0", "t1")), "reading consumed nothing");
    }

    static Stream<Arguments> seedsForEachSticky() {
        return Seeds.seeds(20).boxed()
            .flatMap(seed -> Arrays.stream(Sticky.values()).map(sticky -> Arguments.of(seed, sticky)));
    }

    /**
     * Random groups over random topics, each member having had a random part of its subscription: every partition is
     * assigned exactly once, equal subscriptions give counts within one, and no member loses a partition it had while
     * it is within its quota.
     */
    @ParameterizedTest
    @MethodSource("seedsForEachSticky")
    void stickyShouldBeBalancedCompleteAndSticky(long seed, Sticky sticky) {
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
        Map<String, List<TopicPartition>> previous = new HashMap<>();
        Set<TopicPartition> claimed = new HashSet<>();
        for (int m = 0; m < members; m++) {
            List<TopicPartition> had = new ArrayList<>();
            for (TopicPartition tp : all) {
                if (random.nextInt(members + 1) == 0 && claimed.add(tp)) {
                    had.add(tp);
                }
            }
            previous.put("m" + m, had);
            subscriptions.put("m" + m, sticky.subscription(topicNames, had, 1));
        }
        String where = "seed " + seed + ", " + sticky + ": ";
        Map<String, List<TopicPartition>> assignment = sticky.assignor().assign(topics, subscriptions);
        List<TopicPartition> assigned = new ArrayList<>();
        assignment.values().forEach(assigned::addAll);
        assertEquals(all.size(), assigned.size(), where + assignment);
        assertEquals(new HashSet<>(all), new HashSet<>(assigned), where);
        int min = assignment.values().stream().mapToInt(List::size).min().orElseThrow();
        int max = assignment.values().stream().mapToInt(List::size).max().orElseThrow();
        assertTrue(max - min <= 1, where + "unbalanced " + assignment);
        previous.forEach((member, had) -> {
            List<TopicPartition> kept = assignment.get(member).stream().filter(had::contains).toList();
            // A member keeps min(had, its final count) of its partitions: it only gives up what it must.
            assertEquals(Math.min(had.size(), assignment.get(member).size()), kept.size(),
                where + "member " + member + " had " + had + " got " + assignment.get(member));
        });
    }

    @Test
    void shouldParseKafkaAndRunnelAssignorNames() {
        assertEquals(List.of("range", "cooperative-sticky"), assignorNames(null));
        assertEquals(List.of("range", "roundrobin", "cooperative-sticky"), assignorNames(
            "org.apache.kafka.clients.consumer.RangeAssignor, org.apache.kafka.clients.consumer.RoundRobinAssignor,"
                + "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"));
        assertEquals(List.of("range", "roundrobin", "cooperative-sticky"), assignorNames(List.of(
            RangeAssignor.class.getName(), RoundRobinAssignor.class, "cooperative-sticky")));
        assertEquals(List.of("roundrobin"), assignorNames("round-robin"));
        assertEquals(List.of("sticky", "sticky", "sticky"), assignorNames(List.of("sticky",
            "org.apache.kafka.clients.consumer.StickyAssignor", StickyAssignor.class)));
    }

    /** The names of the assignors a consumer configured with {@code strategy} (unless null) uses. */
    private static List<String> assignorNames(Object strategy) {
        Map<String, Object> configs = new HashMap<>(Map.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        if (strategy != null) {
            configs.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, strategy);
        }
        return names(GroupSettings.of(new ConsumerConfig(configs)).assignors());
    }

    private static List<String> names(List<ConsumerPartitionAssignor> assignors) {
        return assignors.stream().map(ConsumerPartitionAssignor::name).toList();
    }
}
