package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.Record;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code merge.repartition.topics}: the repartitions after one key change become one, as in Kafka Streams. */
class MergeRepartitionTopicsTest {

    /**
     * One map, then four operations that need its keys repartitioned: a count, an aggregate, a reduce behind a
     * filter and a peek, and a join behind a filter; plus a branch that needs none.
     */
    static Topology fourGroupingsAndJoins(String optimization) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> mapped = builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
            .map((key, value) -> KeyValue.pair(key.toUpperCase(Locale.ROOT), value));
        mapped.filter((key, value) -> key.equals("B")).mapValues(value -> value.toUpperCase(Locale.ROOT))
            .process(() -> new Processor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                }
            });
        KStream<String, Long> counts = mapped.groupByKey(Grouped.as("count-stream"))
            .count(Materialized.with(Serdes.String(), Serdes.Long())).toStream();
        counts.to("outputTopic_0", Produced.with(Serdes.String(), Serdes.Long()));
        mapped.groupByKey(Grouped.as("aggregate-stream"))
            .aggregate(() -> 0, (key, value, sum) -> sum + value.length(),
                Materialized.with(Serdes.String(), Serdes.Integer()))
            .toStream().to("outputTopic_1", Produced.with(Serdes.String(), Serdes.Integer()));
        mapped.filter((key, value) -> true).peek((key, value) -> { }).groupByKey(Grouped.as("reduced-stream"))
            .reduce((first, second) -> first + ":" + second, Materialized.with(Serdes.String(), Serdes.String()))
            .toStream().to("outputTopic_2", Produced.with(Serdes.String(), Serdes.String()));
        mapped.filter((key, value) -> key.equals("A"))
            .join(counts, (value, count) -> value + ":" + count,
                JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(5)),
                StreamJoined.with(Serdes.String(), Serdes.String(), Serdes.Long()).withStoreName("joined-stream")
                    .withName("joined-stream"))
            .to("outputTopicForJoin");
        Properties props = new Properties();
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, optimization);
        return builder.build(props);
    }

    /** Generated names: a count and a reduce after selectKey, and a windowed count behind a mapValues. */
    static Topology generatedNames(String optimization) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> rekeyed = builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
            .selectKey((key, value) -> value);
        rekeyed.groupByKey().count().toStream().to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        rekeyed.groupByKey().reduce((first, second) -> second).toStream().to("latest");
        // A value change in between: Kafka Streams leaves this repartition as it is.
        rekeyed.mapValues(value -> value + "!").groupByKey().count().toStream()
            .to("shouted", Produced.with(Serdes.String(), Serdes.Long()));
        Properties props = new Properties();
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, optimization);
        return builder.build(props);
    }

    /*
     * The count's Materialized names no store, so count takes one more store index (5) before its store's (6), as
     * Kafka Streams' does; the generated names from there on are one higher than the nodes' order alone gives. The
     * join's five nodes, named after "joined-stream" (windowed, join and merge), still take their indexes, as in
     * Kafka Streams, so the join's sink is 38.
     */
    private static final String EXPECTED_OPTIMIZED =
        "Topologies:\n"
        + "   Sub-topology: 0\n"
        + "    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n"
        + "      --> KSTREAM-MAP-0000000001\n"
        + "    Processor: KSTREAM-MAP-0000000001 (stores: [])\n"
        + "      --> KSTREAM-FILTER-0000000002, count-stream-repartition-filter\n"
        + "      <-- KSTREAM-SOURCE-0000000000\n"
        + "    Processor: KSTREAM-FILTER-0000000002 (stores: [])\n"
        + "      --> KSTREAM-MAPVALUES-0000000003\n"
        + "      <-- KSTREAM-MAP-0000000001\n"
        + "    Processor: KSTREAM-MAPVALUES-0000000003 (stores: [])\n"
        + "      --> KSTREAM-PROCESSOR-0000000004\n"
        + "      <-- KSTREAM-FILTER-0000000002\n"
        + "    Processor: count-stream-repartition-filter (stores: [])\n"
        + "      --> count-stream-repartition-sink\n"
        + "      <-- KSTREAM-MAP-0000000001\n"
        + "    Processor: KSTREAM-PROCESSOR-0000000004 (stores: [])\n"
        + "      --> none\n"
        + "      <-- KSTREAM-MAPVALUES-0000000003\n"
        + "    Sink: count-stream-repartition-sink (topic: count-stream-repartition)\n"
        + "      <-- count-stream-repartition-filter\n"
        + "\n"
        + "  Sub-topology: 1\n"
        + "    Source: count-stream-repartition-source (topics: [count-stream-repartition])\n"
        + "      --> KSTREAM-FILTER-0000000020, KSTREAM-AGGREGATE-0000000007, KSTREAM-AGGREGATE-0000000014,"
        + " KSTREAM-FILTER-0000000029\n"
        + "    Processor: KSTREAM-AGGREGATE-0000000007 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000006])\n"
        + "      --> KTABLE-TOSTREAM-0000000011\n"
        + "      <-- count-stream-repartition-source\n"
        + "    Processor: KTABLE-TOSTREAM-0000000011 (stores: [])\n"
        + "      --> joined-stream-other-windowed, KSTREAM-SINK-0000000012\n"
        + "      <-- KSTREAM-AGGREGATE-0000000007\n"
        + "    Processor: KSTREAM-FILTER-0000000020 (stores: [])\n"
        + "      --> KSTREAM-PEEK-0000000021\n"
        + "      <-- count-stream-repartition-source\n"
        + "    Processor: KSTREAM-FILTER-0000000029 (stores: [])\n"
        + "      --> joined-stream-this-windowed\n"
        + "      <-- count-stream-repartition-source\n"
        + "    Processor: KSTREAM-PEEK-0000000021 (stores: [])\n"
        + "      --> KSTREAM-REDUCE-0000000023\n"
        + "      <-- KSTREAM-FILTER-0000000020\n"
        + "    Processor: joined-stream-other-windowed (stores: [joined-stream-other-join-store])\n"
        + "      --> joined-stream-other-join\n"
        + "      <-- KTABLE-TOSTREAM-0000000011\n"
        + "    Processor: joined-stream-this-windowed (stores: [joined-stream-this-join-store])\n"
        + "      --> joined-stream-this-join\n"
        + "      <-- KSTREAM-FILTER-0000000029\n"
        + "    Processor: KSTREAM-AGGREGATE-0000000014 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000013])\n"
        + "      --> KTABLE-TOSTREAM-0000000018\n"
        + "      <-- count-stream-repartition-source\n"
        + "    Processor: KSTREAM-REDUCE-0000000023 (stores: [KSTREAM-REDUCE-STATE-STORE-0000000022])\n"
        + "      --> KTABLE-TOSTREAM-0000000027\n"
        + "      <-- KSTREAM-PEEK-0000000021\n"
        + "    Processor: joined-stream-other-join (stores: [joined-stream-this-join-store])\n"
        + "      --> joined-stream-merge\n"
        + "      <-- joined-stream-other-windowed\n"
        + "    Processor: joined-stream-this-join (stores: [joined-stream-other-join-store])\n"
        + "      --> joined-stream-merge\n"
        + "      <-- joined-stream-this-windowed\n"
        + "    Processor: KTABLE-TOSTREAM-0000000018 (stores: [])\n"
        + "      --> KSTREAM-SINK-0000000019\n"
        + "      <-- KSTREAM-AGGREGATE-0000000014\n"
        + "    Processor: KTABLE-TOSTREAM-0000000027 (stores: [])\n"
        + "      --> KSTREAM-SINK-0000000028\n"
        + "      <-- KSTREAM-REDUCE-0000000023\n"
        + "    Processor: joined-stream-merge (stores: [])\n"
        + "      --> KSTREAM-SINK-0000000038\n"
        + "      <-- joined-stream-this-join, joined-stream-other-join\n"
        + "    Sink: KSTREAM-SINK-0000000012 (topic: outputTopic_0)\n"
        + "      <-- KTABLE-TOSTREAM-0000000011\n"
        + "    Sink: KSTREAM-SINK-0000000019 (topic: outputTopic_1)\n"
        + "      <-- KTABLE-TOSTREAM-0000000018\n"
        + "    Sink: KSTREAM-SINK-0000000028 (topic: outputTopic_2)\n"
        + "      <-- KTABLE-TOSTREAM-0000000027\n"
        + "    Sink: KSTREAM-SINK-0000000038 (topic: outputTopicForJoin)\n"
        + "      <-- joined-stream-merge\n\n";

    private static List<String> repartitionTopics(Topology topology) {
        List<String> topics = new ArrayList<>();
        Matcher matcher = Pattern.compile("Sink: \\S+ \\(topic: (\\S+-repartition)\\)")
            .matcher(topology.describe().toString());
        while (matcher.find()) {
            topics.add(matcher.group(1));
        }
        return topics;
    }

    @Test
    void shouldMergeTheRepartitionTopicsAfterOneKeyChangeIntoTheFirst() {
        Topology optimized = fourGroupingsAndJoins(StreamsConfig.OPTIMIZE);
        assertEquals(EXPECTED_OPTIMIZED, optimized.describe().toString());
        assertEquals(List.of("count-stream-repartition"), repartitionTopics(optimized));
        assertEquals(Set.of("count-stream-repartition"), optimized.internalTopologyBuilder().internalTopics());
        assertEquals(EXPECTED_OPTIMIZED, fourGroupingsAndJoins(StreamsConfig.MERGE_REPARTITION_TOPICS).describe()
            .toString(), "the rule alone");
    }

    @Test
    void shouldKeepOneRepartitionTopicPerOperationOtherwise() {
        for (String optimization : List.of(StreamsConfig.NO_OPTIMIZATION, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS,
            StreamsConfig.SINGLE_STORE_SELF_JOIN)) {
            assertEquals(List.of("aggregate-stream-repartition", "count-stream-repartition",
                "joined-stream-left-repartition", "reduced-stream-repartition"),
                repartitionTopics(fourGroupingsAndJoins(optimization)), optimization);
        }
    }

    @Test
    void shouldNameTheMergedNodesAfterTheFirstGeneratedTopic() {
        String first = "KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition";
        Topology optimized = generatedNames(StreamsConfig.OPTIMIZE);
        assertEquals(List.of(first, "KSTREAM-AGGREGATE-STATE-STORE-0000000017-repartition"),
            repartitionTopics(optimized), "the one behind mapValues stays");
        String description = optimized.describe().toString();
        assertTrue(description.contains("Processor: " + first + "-filter (stores: [])\n"
            + "      --> " + first + "-sink\n"
            + "      <-- KSTREAM-KEY-SELECT-0000000001\n"), description);
        assertTrue(description.contains("Source: " + first + "-source (topics: [" + first + "])\n"
            + "      --> KSTREAM-AGGREGATE-0000000003, KSTREAM-REDUCE-0000000010\n"), description);
        assertEquals(3, repartitionTopics(generatedNames(StreamsConfig.NO_OPTIMIZATION)).size());
    }

    @Test
    void shouldNotMergeWithoutProperties() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> rekeyed = builder.<String, String>stream("words").selectKey((key, value) -> value);
        rekeyed.groupByKey().count();
        rekeyed.groupByKey().reduce((first, second) -> second);
        assertEquals(2, repartitionTopics(builder.build()).size(), "build() never optimizes");
    }
}
