package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TopologyDescription;
import dev.runnel.streams.state.KeyValueStore;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KTableJoinTest {
    private enum Kind { INNER, LEFT, OUTER }

    private static JoinFixture fixture(Kind kind) {
        return fixture(kind, new Properties());
    }

    private static JoinFixture fixture(Kind kind, Properties configs) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> left = builder.table("left");
        KTable<String, String> right = builder.table("right");
        ValueJoiner<String, String, String> joiner = (l, r) -> l + "+" + r;
        Materialized<String, String, KeyValueStore<Bytes, byte[]>> store = Materialized.as("joined");
        KTable<String, String> joined = switch (kind) {
            case INNER -> left.join(right, joiner, store);
            case LEFT -> left.leftJoin(right, joiner, store);
            case OUTER -> left.outerJoin(right, joiner, store);
        };
        joined.toStream().to("out");
        return new JoinFixture(builder.build(), configs);
    }

    private static Set<String> joinNodeNames(Kind kind,
        Materialized<String, String, KeyValueStore<Bytes, byte[]>> store) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> left = builder.table("left");
        KTable<String, String> right = builder.table("right");
        ValueJoiner<String, String, String> joiner = (l, r) -> l + "+" + r;
        KTable<String, String> joined = switch (kind) {
            case INNER -> store == null ? left.join(right, joiner) : left.join(right, joiner, store);
            case LEFT -> store == null ? left.leftJoin(right, joiner) : left.leftJoin(right, joiner, store);
            case OUTER -> store == null ? left.outerJoin(right, joiner) : left.outerJoin(right, joiner, store);
        };
        joined.toStream();
        Set<String> nodes = new TreeSet<>();
        builder.build().describe().subtopologies().forEach(subtopology -> subtopology.nodes().stream()
            .filter(node -> node.name().startsWith("KTABLE-") && !node.name().startsWith("KTABLE-SOURCE-"))
            .forEach(node -> nodes.add(node.name())));
        return nodes;
    }

    /**
     * As in Kafka Streams, every kind of table-table join names its nodes KTABLE-JOINTHIS-, KTABLE-JOINOTHER- and
     * KTABLE-MERGE-, and the merge takes its index first: after the two tables (0-5), an unmaterialized join is merge
     * 6, this side 7 and other side 8; a materialized one's store name takes 6 before them.
     */
    @Test
    void everyKindNamesItsNodesAsKafkaDoes() {
        for (Kind kind : Kind.values()) {
            assertEquals(Set.of("KTABLE-MERGE-0000000006", "KTABLE-JOINTHIS-0000000007", "KTABLE-JOINOTHER-0000000008",
                "KTABLE-TOSTREAM-0000000009"), joinNodeNames(kind, null), kind.name());
            assertEquals(Set.of("KTABLE-MERGE-0000000007", "KTABLE-JOINTHIS-0000000008", "KTABLE-JOINOTHER-0000000009",
                "KTABLE-TOSTREAM-0000000010"), joinNodeNames(kind, Materialized.with(null, null)), kind.name());
        }
    }

    /**
     * The merge lists this side before the other, as Kafka Streams' describe() does: it orders a node's neighbours by
     * the size of their sub-trees as they are linked, larger first, and this side, linked first, has already grown by
     * the merge's size when the other side is linked.
     */
    @Test
    void mergeListsThisSideBeforeTheOther() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>table("left").leftJoin(builder.table("right"), (l, r) -> l + "+" + r, Named.as("x"));
        List<String> predecessors = builder.build().describe().subtopologies().iterator().next().nodes().stream()
            .filter(node -> node.name().equals("x")).findFirst().orElseThrow()
            .predecessors().stream().map(TopologyDescription.Node::name).toList();
        assertEquals(List.of("x-join-this", "x-join-other"), predecessors);
    }

    @Test
    void innerJoinFollowsUpdatesAndDeletesOfBothSides() {
        try (JoinFixture f = fixture(Kind.INNER)) {
            TestInputTopic<String, String> left = f.input("left");
            TestInputTopic<String, String> right = f.input("right");
            left.pipeInput("A", "l1", 1);
            assertEquals(List.of(), f.read("out"));
            right.pipeInput("A", "r1", 2);
            assertEquals(List.of("A:l1+r1@2"), f.read("out"));
            left.pipeInput("A", "l2", 3);
            assertEquals(List.of("A:l2+r1@3"), f.read("out"));
            assertEquals("l2+r1", f.driver.<String, String>getKeyValueStore("joined").get("A"));
            right.pipeInput("A", null, 4);
            assertEquals(List.of("A:null@4"), f.read("out"));
            assertNull(f.driver.<String, String>getKeyValueStore("joined").get("A"));
            left.pipeInput("A", null, 5); // nothing to delete
            right.pipeInput("A", "r2", 6); // no left value
            assertEquals(List.of(), f.read("out"));
        }
    }

    @Test
    void aTombstoneOfAKeyTheLeftTableNeverHeldDeletesTheResultWhenTheRightTableHasTheKey() {
        // Without a record cache the left table forwards the tombstone of a key it never held. As in Kafka Streams,
        // a join whose other side has the key forwards the resulting change even so: a tombstone for inner and left
        // joins, the right value joined with null for an outer join.
        Properties noCache = new Properties();
        noCache.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        for (Kind kind : Kind.values()) {
            try (JoinFixture f = fixture(kind, noCache)) {
                f.input("right").pipeInput("A", "r1", 1);
                f.input("left").pipeInput("A", null, 2);
                f.input("left").pipeInput("B", null, 3); // the right table has no B either: nothing
                List<String> expected = kind == Kind.OUTER ? List.of("A:null+r1@1", "A:null+r1@2")
                    : List.of("A:null@2");
                assertEquals(expected, f.read("out"), kind.toString());
            }
        }
    }

    @Test
    void leftJoinKeepsLeftValuesWithoutRightOnes() {
        try (JoinFixture f = fixture(Kind.LEFT)) {
            TestInputTopic<String, String> left = f.input("left");
            TestInputTopic<String, String> right = f.input("right");
            left.pipeInput("A", "l1", 1);
            right.pipeInput("A", "r1", 2);
            right.pipeInput("A", null, 3);
            left.pipeInput("A", null, 4);
            right.pipeInput("A", "r2", 5);
            assertEquals(List.of("A:l1+null@1", "A:l1+r1@2", "A:l1+null@3", "A:null@4"), f.read("out"));
        }
    }

    @Test
    void outerJoinKeepsValuesOfEitherSide() {
        try (JoinFixture f = fixture(Kind.OUTER)) {
            TestInputTopic<String, String> left = f.input("left");
            TestInputTopic<String, String> right = f.input("right");
            left.pipeInput("A", "l1", 1);
            right.pipeInput("B", "r1", 2);
            right.pipeInput("A", "r2", 3);
            left.pipeInput("A", null, 4);
            right.pipeInput("A", null, 5);
            assertEquals(List.of("A:l1+null@1", "B:null+r1@2", "A:l1+r2@3", "A:null+r2@4", "A:null@5"),
                f.read("out"));
            assertEquals("null+r1", f.driver.<String, String>getKeyValueStore("joined").get("B"));
        }
    }

    @Test
    void joinOfUnmaterializedFilteredTableReadsThroughTheFilter() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> left = builder.<String, String>table("left").filter((k, v) -> !v.startsWith("x"));
        KTable<String, String> right = builder.<String, String>table("right").mapValues(v -> v.toUpperCase(
            java.util.Locale.ROOT));
        left.join(right, (l, r) -> l + "+" + r).toStream().to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("left").pipeInput("A", "xl", 1); // filtered out: a tombstone with no old result, dropped
            f.input("right").pipeInput("A", "r", 2); // the filter's getter hides "xl"
            f.input("left").pipeInput("A", "l", 3);
            f.input("left").pipeInput("A", "xl2", 4); // leaves the filter: the result is deleted
            assertEquals(List.of("A:l+R@3", "A:null@4"), f.read("out"));
        }
    }

    @Test
    void filterAndMapValuesForwardTombstones() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = builder.table("t");
        table.filter((k, v) -> v.length() > 2, Materialized.as("long-values")).toStream().to("filtered");
        table.mapValues(v -> v.toUpperCase(java.util.Locale.ROOT)).toStream().to("mapped");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            TestInputTopic<String, String> in = f.input("t");
            in.pipeInput("A", "abc", 1);
            assertEquals("abc", f.driver.<String, String>getKeyValueStore("long-values").get("A"));
            in.pipeInput("A", "ab", 2);
            assertNull(f.driver.<String, String>getKeyValueStore("long-values").get("A"));
            in.pipeInput("B", "x", 3);
            in.pipeInput("A", null, 4);
            // The materialized filter forwards through its store's cache, which drops the tombstones of keys the
            // store does not hold, as Kafka Streams' does.
            assertEquals(List.of("A:abc@1", "A:null@2"), f.read("filtered"));
            assertEquals(List.of("A:ABC@1", "A:AB@2", "B:X@3", "A:null@4"), f.read("mapped"));
        }
    }
}
