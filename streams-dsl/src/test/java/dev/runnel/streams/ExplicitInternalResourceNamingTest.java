package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.state.KeyValueStore;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@code ensure.explicit.internal.resource.naming} (KIP-1111): a build with it set fails on internal topics and stores
 * whose names the DSL generated, naming each, and builds once the program names them.
 */
class ExplicitInternalResourceNamingTest {
    private static final String STORE = "KSTREAM-AGGREGATE-STATE-STORE-0000000002";

    private static Properties props(boolean ensureExplicit) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "naming");
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, ensureExplicit);
        return props;
    }

    private static StreamsBuilder builder(Consumer<KStream<String, String>> program) {
        StreamsBuilder builder = new StreamsBuilder();
        program.accept(builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())));
        return builder;
    }

    private static String failure(Consumer<KStream<String, String>> program) {
        return assertThrows(TopologyException.class, () -> builder(program).build(props(true))).getMessage();
    }

    @Test
    void shouldRefuseAGroupingWithAGeneratedRepartitionTopicStoreAndChangelog() {
        String message = failure(input -> input.groupBy((key, value) -> value).count());

        assertTrue(message.contains("ensure.explicit.internal.resource.naming is true"), message);
        assertTrue(message.contains("repartition topics [" + STORE + "-repartition]"), message);
        assertTrue(message.contains("changelog topics [" + STORE + "-changelog]"), message);
        assertTrue(message.contains("state stores [" + STORE + "]"), message);
        assertTrue(message.contains("Grouped.as") && message.contains("Materialized.as"), message);
    }

    @Test
    void shouldBuildTheSameGroupingOnceItsTopicAndStoreAreNamed() {
        Topology topology = builder(input -> input.groupBy((key, value) -> value, Grouped.as("by-word"))
            .count(Materialized.as("counts"))).build(props(true));

        String description = topology.describe().toString();
        assertTrue(description.contains("by-word-repartition"), description);
        assertTrue(description.contains("stores: [counts]"), description);
    }

    @Test
    void shouldBuildWithGeneratedNamesByDefault() {
        Topology topology = builder(input -> input.groupBy((key, value) -> value).count()).build(props(false));

        assertTrue(topology.describe().toString().contains(STORE), topology.describe().toString());
    }

    @Test
    void shouldListAnUnloggedStoreWithoutAChangelog() {
        String message = failure(input -> input.groupByKey()
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>with(Serdes.String(), Serdes.Long())
                .withLoggingDisabled()));

        // count(Materialized) without a store name takes one more store index (1) before its store's (2), as in Kafka.
        assertTrue(message.contains("repartition topics [], changelog topics [], state stores "
            + "[KSTREAM-AGGREGATE-STATE-STORE-0000000002]"), message);
    }

    @Test
    void shouldRefuseAStreamJoinWithGeneratedStoreNamesUntilStreamJoinedNamesThem() {
        JoinWindows window = JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(5));
        String message = failure(input -> input.join(input.mapValues(value -> value), (left, right) -> left + right,
            window));
        assertTrue(message.contains("KSTREAM-JOINTHIS-") && message.contains("KSTREAM-JOINOTHER-"), message);

        StreamsBuilder named = builder(input -> input.join(input.mapValues(value -> value),
            (left, right) -> left + right, window,
            StreamJoined.with(Serdes.String(), Serdes.String(), Serdes.String()).withStoreName("pairs")));
        named.build(props(true));
    }

    @Test
    void shouldRefuseAnUnnamedSuppressionBuffer() {
        String message = failure(input -> input.groupByKey(Grouped.as("by-key"))
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
            .count(Materialized.as("windows"))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())));

        assertTrue(message.contains("state stores [KTABLE-SUPPRESS-STATE-STORE-"), message);
    }

    @Test
    void shouldAcceptATableThatMaterializesNoStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("table", Consumed.with(Serdes.String(), Serdes.String())).toStream().to("output");

        builder.build(props(true));
    }

    @Test
    void shouldCheckOnTheNoArgumentBuildOfABuilderWithATopologyConfig() {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props(true))));
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())).groupByKey().count();

        TopologyException failure = assertThrows(TopologyException.class, builder::build);
        assertTrue(failure.getMessage().contains("state stores [KSTREAM-AGGREGATE-STATE-STORE-0000000001]"),
            failure.getMessage());
    }

    @Test
    void shouldNotCheckTheNoArgumentBuildOfAPlainBuilder() {
        StreamsBuilder builder = builder(input -> input.groupByKey().count());

        assertEquals(1, builder.build().describe().subtopologies().size());
    }
}
