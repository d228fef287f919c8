package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.state.KeyValueStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A source table (and a stream turned into a table) is materialized as in Kafka Streams: only if its store is named,
 * or once an operation reads its values (a join) or its old values (groupBy, suppress) through tables without a
 * store of their own. Until then it has no store, and forwards every update.
 */
class SourceTableMaterializationTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.String(), Serdes.String());
    private static final Produced<String, String> STRINGS_OUT = Produced.with(Serdes.String(), Serdes.String());
    private static final Grouped<String, String> BY_VALUE = Grouped.with(Serdes.String(), Serdes.String());
    private static final Materialized<String, Long, KeyValueStore<Bytes, byte[]>> COUNTS = Materialized.as("counts");

    private static void assertGolden(String name, Topology topology) {
        Golden.assertMatches("topology", name, topology.describe().toString());
    }

    private static Materialized<String, String, KeyValueStore<Bytes, byte[]>> storeNamed(String name) {
        return Materialized.as(name);
    }

    @Test
    void shouldNotMaterializeASourceTableOnlyTurnedIntoAStream() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("input", STRINGS).toStream().to("output", STRINGS_OUT);
        assertGolden("source-table-to-stream", builder.build());
    }

    @Test
    void shouldMaterializeASourceTableJoinedToAStream() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table("users", STRINGS);
        builder.stream("orders", STRINGS).join(users, (order, city) -> order + "@" + city)
            .to("enriched", STRINGS_OUT);
        assertGolden("source-table-joined", builder.build());
    }

    @Test
    void shouldMaterializeASourceTableWithANamedStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("input", STRINGS, storeNamed("input-store")).toStream().to("output", STRINGS_OUT);
        assertGolden("source-table-named", builder.build());
    }

    @Test
    void shouldForwardEveryUpdateOfAnUnmaterializedTableAndHaveNoStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("input", STRINGS).toStream().to("output", STRINGS_OUT);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            pipe(driver, "input", Map.entry("a", "1"), Map.entry("a", "2"));
            assertEquals(List.of(KeyValue.pair("a", "1"), KeyValue.pair("a", "2")), read(driver, "output"));
            assertNull(driver.getKeyValueStore("input-STATE-STORE-0000000000"));
            assertTrue(driver.producedTopicNames().stream().noneMatch(topic -> topic.endsWith("-changelog")),
                driver.producedTopicNames().toString());
        }
    }

    /**
     * Three updates of one key per input record: the driver commits after each input record, so a cached table
     * forwards only the last of them, while an unmaterialized one has no cache to collapse them in.
     */
    @Test
    void shouldNotCollapseTheUpdatesOfAnUnmaterializedTable() {
        assertEquals(List.of(KeyValue.pair("a", "x1"), KeyValue.pair("a", "x2"), KeyValue.pair("a", "x3")),
            updatesOfOneInput(null));
        assertEquals(List.of(KeyValue.pair("a", "x3")), updatesOfOneInput("latest"));
    }

    /** Runs one input record through a stream of three updates turned into a table (store {@code storeName}). */
    private static List<KeyValue<String, String>> updatesOfOneInput(String storeName) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> updates = builder.stream("input", STRINGS)
            .flatMapValues(value -> List.of(value + "1", value + "2", value + "3"));
        KTable<String, String> table = storeName == null ? updates.toTable()
            : updates.toTable(storeNamed(storeName).withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        table.toStream().to("output", STRINGS_OUT);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            pipe(driver, "input", Map.entry("a", "x"));
            return read(driver, "output");
        }
    }

    @Test
    void shouldMaterializeTheSourceOfAnUnmaterializedFilterWhenTheFilterIsJoined() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> cities = builder.table("users", STRINGS).filter((user, city) -> !city.isEmpty());
        builder.stream("orders", STRINGS).join(cities, (order, city) -> order + "@" + city)
            .to("enriched", STRINGS_OUT);
        Topology topology = builder.build();
        assertTrue(topology.describe().toString().contains("(stores: [users-STATE-STORE-0000000000])"),
            topology.describe().toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
            pipe(driver, "users", Map.entry("alice", "paris"));
            pipe(driver, "orders", Map.entry("alice", "o1"));
            assertEquals(List.of(KeyValue.pair("alice", "o1@paris")), read(driver, "enriched"));
        }
    }

    /** groupBy subtracts each old value from the old group, so it needs a source that knows them. */
    @Test
    void shouldMaterializeASourceTableRegroupedByValue() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("input", STRINGS).groupBy((key, value) -> KeyValue.pair(value, value), BY_VALUE).count(COUNTS);
        Topology topology = builder.build();
        assertTrue(topology.describe().toString().contains("input-STATE-STORE-0000000000"),
            topology.describe().toString());
        assertEquals(Map.of("x", 0L, "y", 1L), countsAfterMove(topology));
    }

    /** A filter with a store of its own reads its old values there: its source stays unmaterialized (KAFKA-10494). */
    @Test
    void shouldNotMaterializeTheSourceOfAMaterializedFilterRegroupedByValue() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("input", STRINGS).filter((key, value) -> true, storeNamed("kept"))
            .groupBy((key, value) -> KeyValue.pair(value, value), BY_VALUE).count(COUNTS);
        Topology topology = builder.build();
        assertFalse(topology.describe().toString().contains("input-STATE-STORE"), topology.describe().toString());
        assertEquals(Map.of("x", 0L, "y", 1L), countsAfterMove(topology));
    }

    /** Moves key "a" from value "x" to value "y" and returns the counts per value. */
    private static Map<String, Long> countsAfterMove(Topology topology) {
        try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
            pipe(driver, "input", Map.entry("a", "x"), Map.entry("a", "y"));
            KeyValueStore<String, Long> counts = driver.getKeyValueStore("counts");
            return Map.of("x", counts.get("x"), "y", counts.get("y"));
        }
    }

    @SafeVarargs
    private static void pipe(TopologyTestDriver driver, String topic, Map.Entry<String, String>... records) {
        TestInputTopic<String, String> input =
            driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
        for (Map.Entry<String, String> record : records) {
            input.pipeInput(record.getKey(), record.getValue());
        }
    }

    private static List<KeyValue<String, String>> read(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.String().deserializer())
            .readKeyValuesToList();
    }
}
