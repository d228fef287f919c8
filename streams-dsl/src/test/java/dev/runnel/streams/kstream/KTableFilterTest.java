package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.state.KeyValueStore;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * KTable#filter and filterNot send a tombstone for a filtered-out update only when the key may be in the result, as
 * Kafka Streams does since KAFKA-10077: a filter whose parent sends old values (a materialized parent) drops a change
 * from no value to no value; one over an unmaterialized source table cannot tell, and sends a tombstone for every
 * filtered-out update.
 */
class KTableFilterTest {
    private static final Consumed<String, Integer> INTS = Consumed.with(Serdes.String(), Serdes.Integer());
    private static final Predicate<String, Integer> ABOVE_FIVE = (key, value) -> value > 5;

    /** "a" is never in the result; "b" enters it, leaves it, and stays out. */
    private static final List<KeyValue<String, Integer>> UPDATES = List.of(KeyValue.pair("a", 1),
        KeyValue.pair("a", 2), KeyValue.pair("b", 10), KeyValue.pair("b", 3), KeyValue.pair("b", 4));

    private static final List<KeyValue<String, Integer>> WITHOUT_SPURIOUS_TOMBSTONES =
        List.of(KeyValue.pair("b", 10), KeyValue.pair("b", null));

    private static final List<KeyValue<String, Integer>> TOMBSTONE_PER_FILTERED_UPDATE = List.of(
        KeyValue.pair("a", null), KeyValue.pair("a", null), KeyValue.pair("b", 10), KeyValue.pair("b", null),
        KeyValue.pair("b", null));

    private static Materialized<String, Integer, KeyValueStore<Bytes, byte[]>> store(String name) {
        return Materialized.as(name);
    }

    @Test
    void shouldNotSendTombstonesForKeysNotInTheResultOfAMaterializedParent() {
        assertEquals(WITHOUT_SPURIOUS_TOMBSTONES,
            run(builder -> builder.table("input", INTS, store("source")).filter(ABOVE_FIVE)));
    }

    @Test
    void shouldNotSendTombstonesForKeysNotInTheResultOfFilterNot() {
        assertEquals(WITHOUT_SPURIOUS_TOMBSTONES,
            run(builder -> builder.table("input", INTS, store("source")).filterNot((key, value) -> value <= 5)));
    }

    @Test
    void shouldNotSendTombstonesForKeysNotInAMaterializedResultOfAMaterializedParent() {
        try (TopologyTestDriver driver = driver(builder -> builder.table("input", INTS, store("source"))
            .filter(ABOVE_FIVE, store("kept")))) {
            assertEquals(WITHOUT_SPURIOUS_TOMBSTONES, readOutput(driver));
            assertNull(driver.<String, Integer>getKeyValueStore("kept").get("b"));
        }
    }

    /** An aggregation's result is materialized, so it sends old values. */
    @Test
    void shouldNotSendTombstonesForKeysNotInTheResultOfAnAggregation() {
        assertEquals(WITHOUT_SPURIOUS_TOMBSTONES,
            run(builder -> builder.stream("input", INTS).groupByKey(Grouped.with(Serdes.String(), Serdes.Integer()))
                .reduce((old, value) -> value, Materialized.with(Serdes.String(), Serdes.Integer()))
                .filter(ABOVE_FIVE)));
    }

    /** Without a store, the source does not know whether a filtered-out key was in the result before. */
    @Test
    void shouldSendATombstoneForEveryFilteredOutUpdateOfAnUnmaterializedSource() {
        assertEquals(TOMBSTONE_PER_FILTERED_UPDATE, run(builder -> builder.table("input", INTS).filter(ABOVE_FIVE)));
    }

    /**
     * As in Kafka Streams, the filter's own store does not tell it whether to drop a change: its parent does not send
     * old values. Without a cache every filtered-out update is forwarded as a tombstone.
     */
    @Test
    void shouldSendATombstoneForEveryFilteredOutUpdateOfAnUncachedMaterializedFilterOfAnUnmaterializedSource() {
        assertEquals(TOMBSTONE_PER_FILTERED_UPDATE,
            run(builder -> builder.table("input", INTS).filter(ABOVE_FIVE, store("kept").withCachingDisabled())));
    }

    /**
     * A cached materialized filter forwards what its store's cache writes down, as Kafka Streams' does, and the cache
     * drops the deletion of a key the store does not hold.
     */
    @Test
    void shouldNotSendTombstonesForKeysNotInTheStoreOfACachedMaterializedFilter() {
        assertEquals(WITHOUT_SPURIOUS_TOMBSTONES,
            run(builder -> builder.table("input", INTS).filter(ABOVE_FIVE, store("kept"))));
    }

    /**
     * A record cache of 0 bytes switches every store's caching layer off, as Kafka Streams does when it builds the
     * topology: the materialized filter then forwards each change itself, so each filtered-out update of this
     * unmaterialized source's keys is a tombstone, as with caching disabled on the store.
     */
    @Test
    void shouldSendATombstoneForEveryFilteredOutUpdateOfAMaterializedFilterWithACacheOfZeroBytes() {
        Properties config = new Properties();
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        try (TopologyTestDriver driver = driver(builder -> builder.table("input", INTS)
            .filter(ABOVE_FIVE, store("kept")), config)) {
            assertEquals(TOMBSTONE_PER_FILTERED_UPDATE, readOutput(driver));
        }
    }

    /**
     * Kafka Streams materializes a filter only under a queryable (user-given) name: with Materialized.with(serdes) the
     * filter has no store and forwards every change, so each filtered-out update of this unmaterialized source's keys
     * is a tombstone, as without Materialized. Runnel keeps an internal store for it, which must not make it forward
     * through the store's cache.
     */
    @Test
    void shouldSendATombstoneForEveryFilteredOutUpdateOfAFilterMaterializedWithoutAName() {
        assertEquals(TOMBSTONE_PER_FILTERED_UPDATE, run(builder -> builder.table("input", INTS)
            .filter(ABOVE_FIVE, Materialized.with(Serdes.String(), Serdes.Integer()))));
    }

    /** As in Kafka Streams, only a name materializes a filter's result: serdes alone make no store, no changelog. */
    @Test
    void shouldKeepNoStoreForAFilterMaterializedWithoutAName() {
        try (TopologyTestDriver driver = driver(builder -> builder.table("input", INTS, store("source"))
            .filter(ABOVE_FIVE, Materialized.with(Serdes.String(), Serdes.Integer())))) {
            assertEquals(java.util.Set.of("source"), driver.getAllStateStores().keySet());
        }
    }

    /**
     * The second filter's parent, the first filter, forwards "b" leaving it without an old value; dropping that
     * change as one from no value to no value would leave "b" in the result.
     */
    @Test
    void shouldKeepTheTombstoneOfAKeyLeavingAChainOfFiltersOfAnUnmaterializedSource() {
        assertEquals(TOMBSTONE_PER_FILTERED_UPDATE,
            run(builder -> builder.table("input", INTS).filter(ABOVE_FIVE).filter((key, value) -> value < 100)));
    }

    @Test
    void shouldNotSendTombstonesThroughAChainOfFiltersOfAMaterializedSource() {
        assertEquals(WITHOUT_SPURIOUS_TOMBSTONES, run(builder -> builder.table("input", INTS, store("source"))
            .filter(ABOVE_FIVE).filter((key, value) -> value < 100)));
    }

    /** Builds the table {@code filtered} returns, pipes {@link #UPDATES} into it and returns its stream. */
    private static List<KeyValue<String, Integer>> run(Function<StreamsBuilder, KTable<String, Integer>> filtered) {
        try (TopologyTestDriver driver = driver(filtered)) {
            return readOutput(driver);
        }
    }

    private static TopologyTestDriver driver(Function<StreamsBuilder, KTable<String, Integer>> filtered) {
        return driver(filtered, new Properties());
    }

    private static TopologyTestDriver driver(Function<StreamsBuilder, KTable<String, Integer>> filtered,
        Properties config) {
        StreamsBuilder builder = new StreamsBuilder();
        filtered.apply(builder).toStream().to("output", Produced.with(Serdes.String(), Serdes.Integer()));
        TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config);
        TestInputTopic<String, Integer> input =
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.Integer().serializer());
        UPDATES.forEach(update -> input.pipeInput(update.key, update.value));
        return driver;
    }

    private static List<KeyValue<String, Integer>> readOutput(TopologyTestDriver driver) {
        return driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.Integer().deserializer())
            .readKeyValuesToList();
    }
}
