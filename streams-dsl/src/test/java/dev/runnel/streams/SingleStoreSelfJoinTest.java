package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.test.TestRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code single.store.self.join} (KIP-862): an inner join of a stream with itself keeps one window store. */
class SingleStoreSelfJoinTest {
    private static final String EXPECTED_OPTIMIZED = "Topologies:\n"
        + "   Sub-topology: 0\n"
        + "    Source: KSTREAM-SOURCE-0000000000 (topics: [clicks])\n"
        + "      --> KSTREAM-WINDOWED-0000000001\n"
        + "    Processor: KSTREAM-WINDOWED-0000000001 (stores: [KSTREAM-JOINTHIS-0000000003-store])\n"
        + "      --> KSTREAM-MERGE-0000000005\n"
        + "      <-- KSTREAM-SOURCE-0000000000\n"
        + "    Processor: KSTREAM-MERGE-0000000005 (stores: [KSTREAM-JOINTHIS-0000000003-store])\n"
        + "      --> KSTREAM-SINK-0000000006\n"
        + "      <-- KSTREAM-WINDOWED-0000000001\n"
        + "    Sink: KSTREAM-SINK-0000000006 (topic: pairs)\n"
        + "      <-- KSTREAM-MERGE-0000000005\n\n";

    /** Clicks joined with the clicks of the same user within 10 ms before or 5 ms after (grace 20 ms). */
    static Topology selfJoin(String optimization) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> clicks = builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()));
        clicks.join(clicks, (left, right) -> left + "+" + right,
                JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(20))
                    .after(Duration.ofMillis(5)),
                StreamJoined.with(Serdes.String(), Serdes.String(), Serdes.String()))
            .to("pairs", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build(optimization(optimization));
    }

    private static Properties optimization(String value) {
        Properties props = new Properties();
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, value);
        return props;
    }

    @Test
    void shouldJoinInOneStoreWhenEnabled() {
        for (String value : List.of(StreamsConfig.OPTIMIZE, StreamsConfig.SINGLE_STORE_SELF_JOIN)) {
            Topology topology = selfJoin(value);
            assertEquals(EXPECTED_OPTIMIZED, topology.describe().toString(), value);
            assertEquals(1, topology.internalTopologyBuilder().storeNames().size());
        }
    }

    @Test
    void shouldKeepBothStoresOtherwise() {
        for (String value : List.of(StreamsConfig.NO_OPTIMIZATION, StreamsConfig.MERGE_REPARTITION_TOPICS)) {
            String description = selfJoin(value).describe().toString();
            assertTrue(description.contains("KSTREAM-JOINOTHER-0000000004-store"), description);
            assertTrue(description.contains("Processor: KSTREAM-JOINTHIS-0000000003"), description);
        }
    }

    @Test
    void shouldNotOptimizeOuterJoinsOrJoinsOfTwoStreams() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> clicks = builder.stream("clicks");
        KStream<String, String> views = builder.stream("views");
        clicks.leftJoin(clicks, (left, right) -> left + right, JoinWindows.ofTimeDifferenceWithNoGrace(
            Duration.ofMillis(10))).to("left");
        clicks.join(views, (left, right) -> left + right, JoinWindows.ofTimeDifferenceWithNoGrace(
            Duration.ofMillis(10))).to("inner");
        Topology topology = builder.build(optimization(StreamsConfig.OPTIMIZE));
        assertEquals(5, topology.internalTopologyBuilder().storeNames().size(),
            "two window stores per join, plus the left join's buffer");
    }

    @Test
    void shouldGiveTheResultsOfTheTwoStoreJoin() {
        List<TestRecord<String, String>> input = new ArrayList<>();
        // Equal timestamps, out-of-order records, one late for the left side only (112) and one late for both (60).
        long[] times = {100, 104, 100, 95, 120, 118, 111, 100, 140, 104, 112, 104, 112, 60};
        for (int i = 0; i < times.length; i++) {
            input.add(new TestRecord<>(i % 3 == 0 ? "bob" : "ann", "c" + i, null, times[i]));
        }
        List<TestRecord<String, String>> plain = run(selfJoin(StreamsConfig.NO_OPTIMIZATION), input);
        List<TestRecord<String, String>> optimized = run(selfJoin(StreamsConfig.SINGLE_STORE_SELF_JOIN), input);
        assertFalse(plain.isEmpty());
        assertEquals(plain, optimized);
    }

    /** As Kafka's self-join, the one-store join skips a record with a null key or value and counts it as dropped. */
    @Test
    void shouldCountEachRecordWithANullKeyOrValueAsDroppedOnce() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "self-join");
        try (TopologyTestDriver driver = new TopologyTestDriver(selfJoin(StreamsConfig.SINGLE_STORE_SELF_JOIN),
            props)) {
            driver.createInputTopic("clicks", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeRecordList(List.of(new TestRecord<>(null, "c0", null, 100L),
                    new TestRecord<>("ann", null, null, 101L), new TestRecord<>("ann", "c2", null, 102L)));
            List<String> pairs = driver.createOutputTopic("pairs", Serdes.String().deserializer(),
                Serdes.String().deserializer()).readValuesToList();
            assertEquals(List.of("c2+c2"), pairs, "only the last click joins, with itself");
            assertEquals(2, driver.droppedRecordsTotal(), "the null key and the null value, once each");
        }
    }

    private static List<TestRecord<String, String>> run(Topology topology, List<TestRecord<String, String>> input) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "self-join");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            driver.createInputTopic("clicks", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeRecordList(input);
            return driver.createOutputTopic("pairs", Serdes.String().deserializer(), Serdes.String().deserializer())
                .readRecordsToList();
        }
    }
}
