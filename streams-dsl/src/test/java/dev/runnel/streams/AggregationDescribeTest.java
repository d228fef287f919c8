package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.KGroupedStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.kstream.WindowedSerdes;
import dev.runnel.streams.state.KeyValueStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code Topology.describe()} of aggregations against golden files: repartition topics, stores and node names must
 * read as Kafka Streams prints them for the same program.
 */
class AggregationDescribeTest {
    private static void assertGolden(String name, Topology topology) {
        Golden.assertMatches("topology", name, topology.describe().toString());
    }

    @Test
    void shouldDescribeWordCountWithNamedStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("streams-plaintext-input", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(value -> Arrays.asList(value.toLowerCase(Locale.ROOT).split("\\W+")))
            .groupBy((key, value) -> value)
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts-store"))
            .toStream()
            .to("streams-wordcount-output", Produced.with(Serdes.String(), Serdes.Long()));
        assertGolden("word-count", builder.build());
    }

    @Test
    void shouldDescribeWordCountWithGeneratedNames() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(value -> Arrays.asList(value.split(" ")))
            .groupBy((key, value) -> value)
            .count()
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        assertGolden("word-count-unnamed", builder.build());
    }

    /** As in Kafka Streams, a stream's groupBy names its key selection after the grouping, ahead of its repartition. */
    @Test
    void shouldNameAGroupBysKeySelectionAfterItsGrouping() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((key, value) -> value, Grouped.as("by-word"))
            .count();
        String description = builder.build().describe().toString();
        assertTrue(description.contains("""
                Processor: by-word (stores: [])
                  --> by-word-repartition-filter
                  <-- KSTREAM-SOURCE-0000000000
            """), description);
    }

    /**
     * As in Kafka Streams, a cogrouping adds the repartitions of the groupings that need one before any of its
     * aggregations, so the aggregation of the unrepartitioned stream "a" is numbered after the repartition's three
     * nodes (4-6): sources 0-1, key selection 2, store 3, aggregations 7 and 8.
     */
    @Test
    void shouldNumberACogroupingsAggregationsAfterItsRepartitions() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> byKey = builder.stream("a", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey();
        KGroupedStream<String, String> byValue = builder.stream("b", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((key, value) -> value);
        byKey.<String>cogroup((key, value, aggregate) -> aggregate + value)
            .cogroup(byValue, (key, value, aggregate) -> aggregate + value)
            .aggregate(() -> "");
        String description = builder.build().describe().toString();
        assertTrue(description.contains("""
                Source: KSTREAM-SOURCE-0000000000 (topics: [a])
                  --> COGROUPKSTREAM-AGGREGATE-0000000007
            """), description);
        assertTrue(description.contains("--> COGROUPKSTREAM-AGGREGATE-0000000008"), description);
    }

    @Test
    void shouldDescribeSuppressedWindowedAggregation() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .selectKey((user, page) -> page)
            .groupByKey(Grouped.with("by-page", Serdes.String(), Serdes.String()))
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), Duration.ofMinutes(1)))
            .count(Materialized.as("clicks-per-page"))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
            .toStream()
            .to("page-clicks", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class,
                Duration.ofMinutes(5).toMillis()), Serdes.Long()));
        assertGolden("windowed-aggregation", builder.build());
    }

    /**
     * A suppression named with Suppressed.withName(name) takes no index, as in Kafka Streams (its node is the name, its
     * store name-store); an unnamed one takes two, its node's and its store's. After the table (store 0, sources 1
     * and 2) the toStream is number 3 behind a named suppression, 5 behind an unnamed one.
     */
    @Test
    void shouldNumberAfterANamedSuppressionAsKafkaDoes() {
        for (boolean named : new boolean[] {true, false}) {
            Suppressed<Object> suppressed =
                Suppressed.untilTimeLimit(Duration.ofMillis(10), Suppressed.BufferConfig.unbounded());
            StreamsBuilder builder = new StreamsBuilder();
            builder.table("t", Consumed.with(Serdes.String(), Serdes.String()))
                .suppress(named ? suppressed.withName("sup") : suppressed).toStream();
            TreeSet<String> nodes = new TreeSet<>();
            builder.build().describe().subtopologies().forEach(
                subtopology -> subtopology.nodes().forEach(node -> nodes.add(node.name())));
            assertEquals(named ? "[KSTREAM-SOURCE-0000000001, KTABLE-SOURCE-0000000002,"
                + " KTABLE-TOSTREAM-0000000003, sup]" : "[KSTREAM-SOURCE-0000000001, KTABLE-SOURCE-0000000002,"
                + " KTABLE-SUPPRESS-0000000003, KTABLE-TOSTREAM-0000000005]", nodes.toString());
        }
    }
}
