package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TestOutputTopic;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyDescription;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.state.KeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Grouping and key-value aggregations (count, reduce, aggregate, cogroup) record by record. */
class KGroupedStreamTest {
    /** String default serdes, and no record cache, so every update is forwarded (as Kafka's own tests set it). */
    static Properties stringDefaults() {
        Properties props = new Properties();
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "agg-test");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return props;
    }

    @Test
    void shouldCountWordsRecordByRecordThroughTheRepartitionTopic() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")))
            .groupBy((key, word) -> word)
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts"))
            .toStream()
            .to("word-counts", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            TestInputTopic<String, String> lines =
                driver.createInputTopic("lines", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Long> counts =
                driver.createOutputTopic("word-counts", Serdes.String().deserializer(), Serdes.Long().deserializer());
            lines.pipeInput("Hello world");
            assertEquals(List.of(KeyValue.pair("hello", 1L), KeyValue.pair("world", 1L)),
                counts.readKeyValuesToList());
            lines.pipeInput("hello Runnel hello");
            assertEquals(List.of(KeyValue.pair("hello", 2L), KeyValue.pair("runnel", 1L), KeyValue.pair("hello", 3L)),
                counts.readKeyValuesToList());
            assertEquals(3L, driver.<String, Long>getKeyValueStore("counts").get("hello"));
            assertTrue(driver.producedTopicNames().contains("agg-test-counts-repartition"),
                driver.producedTopicNames().toString());
            assertTrue(driver.producedTopicNames().contains("agg-test-counts-changelog"),
                driver.producedTopicNames().toString());
            assertEquals(0, driver.droppedRecordsTotal());
        }
    }

    @Test
    void shouldReduceAndAggregatePerKeyWithoutRepartitioningWhenKeysAreUnchanged() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, Long> grouped = builder.stream("amounts", Consumed.with(Serdes.String(),
            Serdes.Long())).groupByKey(Grouped.with(Serdes.String(), Serdes.Long()));
        grouped.reduce(Long::max, Materialized.as("max")).toStream().to("max", Produced.with(Serdes.String(),
            Serdes.Long()));
        grouped.aggregate(() -> "", (key, value, agg) -> agg + value + ";",
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("history").withValueSerde(Serdes.String()))
            .toStream().to("history", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            TestInputTopic<String, Long> input =
                driver.createInputTopic("amounts", Serdes.String().serializer(), Serdes.Long().serializer());
            TestOutputTopic<String, Long> max =
                driver.createOutputTopic("max", Serdes.String().deserializer(), Serdes.Long().deserializer());
            TestOutputTopic<String, String> history =
                driver.createOutputTopic("history", Serdes.String().deserializer(), Serdes.String().deserializer());
            input.pipeInput("a", 3L, 10);
            input.pipeInput("a", 1L, 20);
            input.pipeInput("b", 5L, 15);
            input.pipeInput("a", 7L, 5);
            input.pipeInput(null, 9L, 30);
            input.pipeInput("a", null, 30);
            assertEquals(List.of(KeyValue.pair("a", 3L), KeyValue.pair("a", 3L), KeyValue.pair("b", 5L),
                KeyValue.pair("a", 7L)), max.readKeyValuesToList());
            assertEquals(List.of(KeyValue.pair("a", "3;"), KeyValue.pair("a", "3;1;"), KeyValue.pair("b", "5;"),
                KeyValue.pair("a", "3;1;7;")), history.readKeyValuesToList());
            assertEquals(20L, driver.<String, Long>getTimestampedKeyValueStore("max").get("a").timestamp(),
                "the aggregate's timestamp is the largest of its records");
            assertEquals(4, driver.droppedRecordsTotal(), "null keys and null values, once per aggregation each");
            assertTrue(driver.producedTopicNames().stream().noneMatch(topic -> topic.endsWith("-repartition")));
        }
    }

    /** A sum's adder that notes each call in {@code calls} as "add sum,count". */
    static Reducer<Long> recordingAdder(List<String> calls) {
        return (sum, count) -> {
            calls.add("add " + sum + "," + count);
            return sum + count;
        };
    }

    /** A sum's subtractor that notes each call in {@code calls} as "subtract sum,count". */
    static Reducer<Long> recordingSubtractor(List<String> calls) {
        return (sum, count) -> {
            calls.add("subtract " + sum + "," + count);
            return sum - count;
        };
    }

    /**
     * Uncached, Kafka's count forwards a new key's first count with the initial count, 0, as its old value: a groupBy
     * reduce of the counts subtracts it (once it has a sum) before adding the new count. a@1 is a's first count (the
     * reduce takes it as is), a@2 changes a from 1 to 2, b@3 is b's first count.
     */
    @Test
    void shouldForwardANewKeysCountWithTheInitialCountAsOldValue() {
        List<String> calls = new ArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String())).groupByKey().count()
            .groupBy((word, count) -> KeyValue.pair("all", count), Grouped.with(Serdes.String(), Serdes.Long()))
            .reduce(recordingAdder(calls), recordingSubtractor(calls));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            TestInputTopic<String, String> words =
                driver.createInputTopic("words", Serdes.String().serializer(), Serdes.String().serializer());
            words.pipeInput("a", "v", 1);
            words.pipeInput("a", "v", 2);
            words.pipeInput("b", "v", 3);
        }
        assertEquals(List.of("subtract 1,1", "add 0,2", "subtract 2,0", "add 2,1"), calls);
    }

    /**
     * As in Kafka Streams, every aggregation of a grouping named with Grouped.as(name) reads the one repartition topic
     * name-repartition (its nodes are added once; each aggregation still takes the indexes of their generated names),
     * where Runnel refused to add its nodes a second time.
     */
    @Test
    void shouldShareTheRepartitionTopicOfANamedGroupingBetweenItsAggregations() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> byWord = builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
            .selectKey((key, word) -> word).groupByKey(Grouped.as("by-word"));
        byWord.count().toStream().to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        byWord.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).count()
            .toStream((window, count) -> window.key() + "@" + window.window().start())
            .to("windowed", Produced.with(Serdes.String(), Serdes.Long()));
        Topology topology = builder.build();
        List<String> repartitionSinks = new ArrayList<>();
        topology.describe().subtopologies().forEach(subtopology -> subtopology.nodes().stream()
            .filter(node -> node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition"))
            .forEach(node -> repartitionSinks.add(((TopologyDescription.Sink) node).topic())));
        assertEquals(List.of("by-word-repartition"), repartitionSinks);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, stringDefaults())) {
            TestInputTopic<String, String> lines =
                driver.createInputTopic("lines", Serdes.String().serializer(), Serdes.String().serializer());
            lines.pipeInput("1", "a", 1);
            lines.pipeInput("2", "a", 12);
            assertEquals(List.of(KeyValue.pair("a", 1L), KeyValue.pair("a", 2L)), driver.createOutputTopic("counts",
                Serdes.String().deserializer(), Serdes.Long().deserializer()).readKeyValuesToList());
            assertEquals(List.of(KeyValue.pair("a@0", 1L), KeyValue.pair("a@10", 1L)), driver.createOutputTopic(
                "windowed", Serdes.String().deserializer(), Serdes.Long().deserializer()).readKeyValuesToList());
        }
    }

    /**
     * As in Kafka Streams, the aggregations of one cogrouping read each grouped stream that needs repartitioning
     * through one repartition topic, added by the first aggregation and named after its store (or the Grouped name);
     * each later aggregation still takes the indexes of the repartition nodes' generated names.
     */
    @Test
    void shouldShareACogroupingsRepartitionTopicsBetweenItsAggregations() {
        for (boolean named : new boolean[] {true, false}) {
            Grouped<String, String> grouping = named ? Grouped.as("by-word") : Grouped.with(null, null);
            StreamsBuilder builder = new StreamsBuilder();
            KGroupedStream<String, String> words = builder.stream("lines", Consumed.with(Serdes.String(),
                Serdes.String())).selectKey((key, word) -> word).groupByKey(grouping);
            CogroupedKStream<String, String> cogrouped = words.<String>cogroup((key, word, all) -> all + word)
                .cogroup(builder.<String, String>stream("more").groupByKey(), (key, word, all) -> all + word);
            cogrouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).aggregate(() -> "");
            cogrouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(10)))
                .aggregate(() -> "", (key, left, right) -> left + right);
            List<String> repartitionSinks = new ArrayList<>();
            builder.build().describe().subtopologies().forEach(subtopology -> subtopology.nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition"))
                .forEach(node -> repartitionSinks.add(((TopologyDescription.Sink) node).topic())));
            // Unnamed: the first aggregation's store, after the sources and selectKey (0-2), is number 3.
            assertEquals(List.of(named ? "by-word-repartition"
                : "COGROUPKSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition"), repartitionSinks);
        }
    }

    @Test
    void shouldCogroupTwoStreamsIntoOneTable() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> clicks = builder.stream("clicks", Consumed.with(Serdes.String(),
            Serdes.String())).groupByKey();
        KGroupedStream<String, Long> purchases = builder.stream("purchases", Consumed.with(Serdes.String(),
            Serdes.Long())).groupByKey();
        clicks.<Long>cogroup((user, page, score) -> score + 1)
            .cogroup(purchases, (user, amount, score) -> score + amount)
            .aggregate(() -> 0L, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("score")
                .withValueSerde(Serdes.Long()))
            .toStream().to("scores", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            TestInputTopic<String, String> clickInput =
                driver.createInputTopic("clicks", Serdes.String().serializer(), Serdes.String().serializer());
            TestInputTopic<String, Long> purchaseInput =
                driver.createInputTopic("purchases", Serdes.String().serializer(), Serdes.Long().serializer());
            TestOutputTopic<String, Long> scores =
                driver.createOutputTopic("scores", Serdes.String().deserializer(), Serdes.Long().deserializer());
            clickInput.pipeInput("alice", "/home");
            purchaseInput.pipeInput("alice", 100L);
            clickInput.pipeInput("bob", "/cart");
            clickInput.pipeInput("alice", "/pay");
            assertEquals(List.of(KeyValue.pair("alice", 1L), KeyValue.pair("alice", 101L), KeyValue.pair("bob", 1L),
                KeyValue.pair("alice", 102L)), scores.readKeyValuesToList());
            assertEquals(102L, driver.<String, Long>getKeyValueStore("score").get("alice"));
        }
    }
}
