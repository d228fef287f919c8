package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TestOutputTopic;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.state.KeyValueStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * KTable#groupBy aggregations: a row moving to another group is subtracted from the old group and added to the new
 * one. Users (key) live in regions (value "region:score").
 */
class KGroupedTableTest {
    private static KeyValue<String, Integer> regionAndScore(String user, String row) {
        String[] parts = row.split(":");
        return KeyValue.pair(parts[0], Integer.parseInt(parts[1]));
    }

    @Test
    void shouldCountAndSumPerGroupWhenRowsChangeGroup() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedTable<String, Integer> byRegion = builder.table("users",
            Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy(KGroupedTableTest::regionAndScore, Grouped.with(Serdes.String(), Serdes.Integer()));
        byRegion.count(Materialized.as("users-per-region")).toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        byRegion.aggregate(() -> 0, (region, score, sum) -> sum + score, (region, score, sum) -> sum - score,
            Materialized.<String, Integer, KeyValueStore<Bytes, byte[]>>as("score-per-region")
                .withValueSerde(Serdes.Integer()))
            .toStream().to("sums", Produced.with(Serdes.String(), Serdes.Integer()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), KGroupedStreamTest.stringDefaults())) {
            TestInputTopic<String, String> users =
                driver.createInputTopic("users", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Long> counts =
                driver.createOutputTopic("counts", Serdes.String().deserializer(), Serdes.Long().deserializer());
            TestOutputTopic<String, Integer> sums =
                driver.createOutputTopic("sums", Serdes.String().deserializer(), Serdes.Integer().deserializer());
            users.pipeInput("alice", "eu:5");
            users.pipeInput("bob", "eu:3");
            users.pipeInput("alice", "us:7"); // alice moves: eu loses 5, us gains 7
            users.pipeInput("bob", "eu:4");   // same group: one update, 3 replaced by 4
            users.pipeInput("bob", (String) null); // deleted: eu loses 4
            assertEquals(List.of(KeyValue.pair("eu", 1L), KeyValue.pair("eu", 2L), KeyValue.pair("eu", 1L),
                KeyValue.pair("us", 1L), KeyValue.pair("eu", 1L), KeyValue.pair("eu", 0L)),
                counts.readKeyValuesToList());
            assertEquals(List.of(KeyValue.pair("eu", 5), KeyValue.pair("eu", 8), KeyValue.pair("eu", 3),
                KeyValue.pair("us", 7), KeyValue.pair("eu", 4), KeyValue.pair("eu", 0)), sums.readKeyValuesToList());
            assertEquals(1L, driver.<String, Long>getKeyValueStore("users-per-region").get("us"));
        }
    }

    /**
     * As in Kafka Streams, the aggregations of a table grouping named with Grouped.as(name) share its repartition
     * topic name-repartition: the second reads the first one's source.
     */
    @Test
    void shouldShareTheRepartitionTopicOfANamedGroupingBetweenItsAggregations() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedTable<String, String> byColor = builder.table("cars", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((car, color) -> KeyValue.pair(color, car), Grouped.as("by-color"));
        byColor.reduce((cars, car) -> cars + "," + car, (cars, car) -> cars.replace(car, ""))
            .toStream().to("names");
        byColor.count().toStream().to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        Topology topology = builder.build();
        String description = topology.describe().toString();
        assertEquals(1, description.split("\\(topic: by-color-repartition\\)", -1).length - 1, description);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, KGroupedStreamTest.stringDefaults())) {
            TestInputTopic<String, String> cars =
                driver.createInputTopic("cars", Serdes.String().serializer(), Serdes.String().serializer());
            cars.pipeInput("c1", "red");
            cars.pipeInput("c2", "red");
            assertEquals(List.of(KeyValue.pair("red", 1L), KeyValue.pair("red", 2L)), driver.createOutputTopic("counts",
                Serdes.String().deserializer(), Serdes.Long().deserializer()).readKeyValuesToList());
        }
    }

    @Test
    void shouldReduceWithAdderAndSubtractor() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("users", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((user, row) -> KeyValue.pair(row.split(":")[0], user + ","))
            .reduce((members, added) -> members + added, (members, removed) -> members.replace(removed, ""),
                Materialized.as("members"))
            .toStream().to("members", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), KGroupedStreamTest.stringDefaults())) {
            TestInputTopic<String, String> users =
                driver.createInputTopic("users", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> members =
                driver.createOutputTopic("members", Serdes.String().deserializer(), Serdes.String().deserializer());
            users.pipeInput("alice", "eu:1");
            users.pipeInput("bob", "eu:1");
            users.pipeInput("alice", "us:1");
            assertEquals(List.of(KeyValue.pair("eu", "alice,"), KeyValue.pair("eu", "alice,bob,"),
                KeyValue.pair("eu", "bob,"), KeyValue.pair("us", "alice,")), members.readKeyValuesToList());
            users.pipeInput("alice", (String) null);
            assertEquals(List.of(KeyValue.pair("us", "")), members.readKeyValuesToList());
            assertNull(driver.<String, String>getKeyValueStore("members").get("nobody"));
        }
    }

    /**
     * As in Kafka Streams, an unnamed table reduce's store takes the aggregation's prefix, KTABLE-AGGREGATE-, while its
     * processor is a KTABLE-REDUCE- one, and the repartition sink and source come before it: the table's store 0
     * (named after its topic), source 1, table source 2, groupBy's select 3, the reduce's store 4, the repartition
     * sink 5 and source 6, the reduce 7. The repartition topic is named after the store.
     */
    @Test
    void shouldNameAnUnnamedReducesStoreAsAnAggregationsStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("users", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((user, row) -> KeyValue.pair(row, user))
            .reduce((members, added) -> members + added, (members, removed) -> members.replace(removed, ""));
        Topology topology = builder.build();
        String description = topology.describe().toString();
        assertTrue(description.contains("KTABLE-REDUCE-0000000007 (stores: [KTABLE-AGGREGATE-STATE-STORE-0000000004])"),
            description);
        assertTrue(description.contains(
            "Sink: KSTREAM-SINK-0000000005 (topic: KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition)"), description);
    }
}
