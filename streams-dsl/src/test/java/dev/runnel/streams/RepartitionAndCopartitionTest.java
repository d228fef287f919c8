package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.internal.graph.InternalTopicConfig;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Repartitioned;
import dev.runnel.streams.test.TestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RepartitionAndCopartitionTest {
    private static TopologyTestDriver driver(Topology topology) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.String().getClass().getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.String().getClass().getName());
        return new TopologyTestDriver(topology, props, Instant.EPOCH);
    }

    private static List<String> read(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.String().deserializer())
            .readRecordsToList().stream().map(r -> r.key() + ":" + r.value() + "@" + r.timestamp()).toList();
    }

    @Test
    void explicitRepartitionGoesThroughANamedTopicAndDropsNullKeys() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("clicks").selectKey((k, v) -> v.equals("none") ? null : v)
            .repartition(Repartitioned.<String, String>as("by-page").withNumberOfPartitions(3)).to("out");
        Topology topology = builder.build();
        Golden.assertMatches("joins", "repartition-explicit", topology.describe().toString());
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> in = driver.createInputTopic("clicks", Serdes.String().serializer(),
                Serdes.String().serializer());
            in.pipeInput(new TestRecord<>("alice", "/home", null, 5L));
            in.pipeInput(new TestRecord<>("bob", "none", null, 6L));
            assertEquals(List.of("/home:/home@5"), read(driver, "app-by-page-repartition"));
            assertEquals(List.of("/home:/home@5"), read(driver, "out"));
        }
        assertEquals(Map.of("app-by-page-repartition", new InternalTopicConfig("app-by-page-repartition", 3,
            InternalTopicConfig.REPARTITION_TOPIC_CONFIGS)),
            topology.internalTopologyBuilder().checkCopartitioning(Map.of("clicks", 8), Map.of()));
    }

    @Test
    void aRepartitionFeedingALeftJoinKeepsNullKeysAndTheJoinEmitsThemJoinedWithNull() {
        // KIP-962: a left join emits a record whose key is null joined with null, so the repartition in front of it
        // (here the one the key change needs) must carry such records; n1 and n2 get null keys, a keeps its value.
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table("users");
        builder.<String, String>stream("clicks").selectKey((k, v) -> v.startsWith("n") ? null : v)
            .leftJoin(users, (click, user) -> click + "+" + user).to("out");
        try (TopologyTestDriver driver = driver(builder.build())) {
            TestInputTopic<String, String> in = driver.createInputTopic("clicks", Serdes.String().serializer(),
                Serdes.String().serializer());
            in.pipeInput(new TestRecord<>("k1", "n1", null, 5L));
            in.pipeInput(new TestRecord<>("k2", "a", null, 6L));
            in.pipeInput(new TestRecord<>("k3", "n2", null, 30L));
            assertEquals(List.of("null:n1+null@5", "a:a+null@6", "null:n2+null@30"), read(driver, "out"));
        }
    }

    @Test
    void aRepartitionFeedingAnythingButALeftOrOuterJoinDropsNullKeys() {
        // The same key change before an explicit repartition then a foreach, and before a count: no left or outer
        // join downstream, so the null keys never reach the topic (Kafka Streams filters them there).
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> rekeyed = builder.<String, String>stream("clicks")
            .selectKey((k, v) -> v.startsWith("n") ? null : v);
        List<String> seen = new java.util.ArrayList<>();
        rekeyed.repartition().foreach((k, v) -> seen.add(k + ":" + v));
        rekeyed.groupByKey().count().toStream().mapValues(Object::toString).to("counts");
        try (TopologyTestDriver driver = driver(builder.build())) {
            TestInputTopic<String, String> in = driver.createInputTopic("clicks", Serdes.String().serializer(),
                Serdes.String().serializer());
            in.pipeInput(new TestRecord<>("k1", "n1", null, 5L));
            in.pipeInput(new TestRecord<>("k2", "a", null, 6L));
            assertEquals(List.of("a:a"), seen);
            assertEquals(List.of("a:1@6"), read(driver, "counts"));
        }
    }

    @Test
    void aRepartitionInFrontOfAStreamStreamLeftJoinKeepsNullKeys() {
        // The left side's null-key records can never match: the join emits them joined with null at once.
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("left").selectKey((k, v) -> v.startsWith("n") ? null : v)
            .leftJoin(builder.<String, String>stream("right"), (l, r) -> l + "+" + r,
                JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10))).to("out");
        try (TopologyTestDriver driver = driver(builder.build())) {
            TestInputTopic<String, String> in = driver.createInputTopic("left", Serdes.String().serializer(),
                Serdes.String().serializer());
            in.pipeInput(new TestRecord<>("k1", "n1", null, 5L));
            in.pipeInput(new TestRecord<>("k2", "a", null, 6L));
            assertEquals(List.of("null:n1+null@5"), read(driver, "out"), "a waits for its window to close");
        }
    }

    @Test
    void keyChangeBeforeStreamTableJoinRepartitionsAutomaticallyWithTheTablesPartitionCount() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table("users");
        builder.<String, String>stream("clicks").selectKey((k, v) -> v)
            .join(users, (click, user) -> click + "/" + user).to("out");
        Topology topology = builder.build();
        Golden.assertMatches("joins", "repartition-automatic", topology.describe().toString());
        try (TopologyTestDriver driver = driver(topology)) {
            driver.createInputTopic("users", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput(new TestRecord<>("u1", "Ann", null, 1L));
            driver.createInputTopic("clicks", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput(new TestRecord<>("c1", "u1", null, 2L));
            assertEquals(List.of("u1:u1/Ann@2"), read(driver, "out"));
        }
        Map<String, InternalTopicConfig> topics =
            topology.internalTopologyBuilder().checkCopartitioning(Map.of("users", 4, "clicks", 2), Map.of());
        assertEquals(4, topics.get("app-KSTREAM-KEY-SELECT-0000000004-repartition").numberOfPartitions());
    }

    @Test
    void joinOfTopicsWithDifferentPartitionCountsFailsNamingBothTopics() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left");
        left.join(builder.<String, String>stream("right"), (l, r) -> l + r,
            JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1))).to("out");
        Topology topology = builder.build();
        TopologyException e = assertThrows(TopologyException.class,
            () -> topology.internalTopologyBuilder().checkCopartitioning(Map.of("left", 2, "right", 3), Map.of()));
        Golden.assertMatches("joins", "copartition-error", e.getMessage() + "\n");
        assertEquals(Map.of(),
            topology.internalTopologyBuilder().checkCopartitioning(Map.of("left", 3, "right", 3), Map.of()));
    }

    @Test
    void describesStreamStreamAndForeignKeyJoinsAsGoldenFiles() {
        StreamsBuilder streams = new StreamsBuilder();
        KStream<String, String> left = streams.stream("left");
        left.leftJoin(streams.<String, String>stream("right"), (l, r) -> l + r,
            JoinWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(1))).to("out");
        Golden.assertMatches("joins", "stream-stream-left-join", streams.build().describe().toString());

        StreamsBuilder tables = new StreamsBuilder();
        KTable<String, String> orders = tables.table("orders");
        orders.join(tables.<String, String>table("products"), order -> order.split("\\|")[0],
            (order, product) -> order + "/" + product).toStream().to("out");
        Golden.assertMatches("joins", "foreign-key-join", tables.build().describe().toString());
    }
}
