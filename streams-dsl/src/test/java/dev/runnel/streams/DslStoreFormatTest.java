package dev.runnel.streams;

import static dev.runnel.streams.integration.HeadersStoreTopology.traceHeaders;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.config.ConfigException;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.ByteArrayDeserializer;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.GlobalKTable;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KGroupedStream;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.SlidingWindows;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.AggregationWithHeaders;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.ValueTimestampHeaders;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.test.TestRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KIP-1285 through the test driver: {@code dsl.store.format=HEADERS} gives each family of DSL operators headers-aware
 * stores, whose values (and changelog records' headers) carry the headers Kafka Streams 4.3 keeps: none for
 * aggregations, tables and table-table joins, the input record's for stream-stream join windows. The results stay
 * those of {@code DEFAULT}, and the other store getters read the stores without headers.
 */
class DslStoreFormatTest {
    private static final String APP = "format";
    private static final String HEADERS = StreamsConfig.DSL_STORE_FORMAT_HEADERS;
    private static final String DEFAULT = StreamsConfig.DSL_STORE_FORMAT_DEFAULT;

    private static TopologyTestDriver driver(StreamsBuilder builder, String format) {
        return driver(builder.build(), format);
    }

    private static TopologyTestDriver driver(Topology topology, String format) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.DSL_STORE_FORMAT_CONFIG, format);
        return new TopologyTestDriver(topology, props, Instant.EPOCH);
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static List<byte[]> changelog(TopologyTestDriver driver, String store) {
        return changelogRecords(driver, store).stream().map(TestRecord::value).toList();
    }

    private static List<TestRecord<byte[], byte[]>> changelogRecords(TopologyTestDriver driver, String store) {
        return driver.createOutputTopic(APP + "-" + store + "-changelog", new ByteArrayDeserializer(),
            new ByteArrayDeserializer()).readRecordsToList();
    }

    /**
     * Asserts that a changelog record holds {@code value} plainly, with the value's {@code timestamp} as the record's,
     * as Kafka Streams logs timestamped stores; headers-aware stores log theirs so too, with their headers as the
     * record's.
     */
    private static void assertLogged(long timestamp, byte[] value, TestRecord<byte[], byte[]> record) {
        assertLogged(timestamp, value, record, "");
    }

    private static void assertLogged(long timestamp, byte[] value, TestRecord<byte[], byte[]> record, String message) {
        assertArrayEquals(value, record.value(), message);
        assertEquals(timestamp, record.timestamp(), message);
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static StreamsBuilder counting(boolean caching) {
        StreamsBuilder builder = new StreamsBuilder();
        Materialized<String, Long, KeyValueStore<Bytes, byte[]>> counts = Materialized.as("counts");
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(caching ? counts.withCachingEnabled() : counts.withCachingDisabled())
            .toStream().to("out", Produced.with(Serdes.String(), Serdes.Long()));
        return builder;
    }

    @ParameterizedTest(name = "caching={0}")
    @ValueSource(booleans = {false, true})
    void countKeepsItsResultsWithEmptyHeadersInTheHeadersFormat(boolean caching) {
        try (TopologyTestDriver driver = driver(counting(caching), HEADERS)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput(new TestRecord<>("k", "a", traceHeaders("t1"), 1_000L));
            in.pipeInput(new TestRecord<>("k", "b", traceHeaders("t2"), 2_000L));

            assertEquals(List.of(KeyValue.pair("k", 1L), KeyValue.pair("k", 2L)), driver.createOutputTopic("out",
                Serdes.String().deserializer(), Serdes.Long().deserializer()).readKeyValuesToList());
            ValueTimestampHeaders<Long> stored = driver.<String, Long>getTimestampedKeyValueStoreWithHeaders("counts")
                .get("k");
            assertEquals(ValueTimestampHeaders.make(2L, 2_000L, new RecordHeaders()), stored);
            assertEquals(0, stored.headers().toArray().length, "an aggregate keeps no headers (KIP-1285)");
            assertEquals(ValueAndTimestamp.make(2L, 2_000L),
                driver.<String, Long>getTimestampedKeyValueStore("counts").get("k"));
            assertEquals(2L, driver.<String, Long>getKeyValueStore("counts").get("k"));
            List<TestRecord<byte[], byte[]>> changes = changelogRecords(driver, "counts");
            assertEquals(2, changes.size());
            assertLogged(1_000L, longBytes(1L), changes.get(0));
            assertLogged(2_000L, longBytes(2L), changes.get(1));
        }
    }

    @Test
    void defaultFormatKeepsTheTimestampedStores() {
        try (TopologyTestDriver driver = driver(counting(true), DEFAULT)) {
            input(driver, "in").pipeInput(new TestRecord<>("k", "a", traceHeaders("t1"), 1_000L));

            assertNull(driver.getTimestampedKeyValueStoreWithHeaders("counts"));
            assertEquals(ValueAndTimestamp.make(1L, 1_000L),
                driver.<String, Long>getTimestampedKeyValueStore("counts").get("k"));
            assertLogged(1_000L, longBytes(1L), changelogRecords(driver, "counts").get(0));
        }
    }

    @Test
    void reductionAndTableAggregationUseHeadersAwareStores() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .reduce((a, b) -> a + b, Materialized.as("reduced"));
        builder.table("tbl", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((key, value) -> KeyValue.pair(value, key), Grouped.with(Serdes.String(), Serdes.String()))
            .aggregate(() -> "", (key, value, agg) -> agg + value, (key, value, agg) -> agg.replace(value, ""),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("keys-per-value")
                    .withValueSerde(Serdes.String()));
        try (TopologyTestDriver driver = driver(builder, HEADERS)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput(new TestRecord<>("k", "a", traceHeaders("t1"), 1_000L));
            in.pipeInput(new TestRecord<>("k", "b", traceHeaders("t2"), 2_000L));
            input(driver, "tbl").pipeInput(new TestRecord<>("x", "v", traceHeaders("t3"), 3_000L));

            assertEquals(ValueTimestampHeaders.make("ab", 2_000L, null),
                driver.<String, String>getTimestampedKeyValueStoreWithHeaders("reduced").get("k"));
            assertLogged(2_000L, utf8("ab"), changelogRecords(driver, "reduced").get(1));
            assertEquals(ValueTimestampHeaders.make("x", 3_000L, null),
                driver.<String, String>getTimestampedKeyValueStoreWithHeaders("keys-per-value").get("v"));
            assertLogged(3_000L, utf8("x"), changelogRecords(driver, "keys-per-value").get(0));
        }
    }

    @Test
    void windowedCountsUseHeadersAwareWindowStores() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> grouped = builder.stream("in", Consumed.with(Serdes.String(),
            Serdes.String())).groupByKey();
        grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("windowed"))
            .toStream((window, count) -> window.key() + "@" + window.window().start())
            .to("out", Produced.with(Serdes.String(), Serdes.Long()));
        grouped.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(5)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("sliding"));
        try (TopologyTestDriver driver = driver(builder, HEADERS)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput(new TestRecord<>("k", "a", traceHeaders("t1"), 1_000L));
            in.pipeInput(new TestRecord<>("k", "b", traceHeaders("t2"), 2_000L));

            assertEquals(List.of(KeyValue.pair("k@0", 1L), KeyValue.pair("k@0", 2L)), driver.createOutputTopic("out",
                Serdes.String().deserializer(), Serdes.Long().deserializer()).readKeyValuesToList());
            assertEquals(ValueTimestampHeaders.make(2L, 2_000L, null),
                driver.<String, Long>getTimestampedWindowStoreWithHeaders("windowed").fetch("k", 0L));
            assertEquals(ValueAndTimestamp.make(2L, 2_000L),
                driver.<String, Long>getTimestampedWindowStore("windowed").fetch("k", 0L));
            assertEquals(2L, driver.<String, Long>getWindowStore("windowed").fetch("k", 0L));
            assertLogged(2_000L, longBytes(2L), changelogRecords(driver, "windowed").get(1));
            try (KeyValueIterator<Windowed<String>, ValueTimestampHeaders<Long>> sliding =
                driver.<String, Long>getTimestampedWindowStoreWithHeaders("sliding").all()) {
                List<ValueTimestampHeaders<Long>> values = new ArrayList<>();
                sliding.forEachRemaining(window -> values.add(window.value));
                assertTrue(values.contains(ValueTimestampHeaders.make(2L, 2_000L, null)), values.toString());
            }
        }
    }

    @Test
    void sessionAggregationUsesAHeadersAwareSessionStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofSeconds(5)))
            .aggregate(() -> "", (key, value, agg) -> agg + value, (key, left, right) -> left + right,
                Materialized.<String, String, SessionStore<Bytes, byte[]>>as("sessions")
                    .withValueSerde(Serdes.String()))
            .toStream((window, agg) -> window.key() + "@" + window.window().start() + "-" + window.window().end())
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = driver(builder, HEADERS)) {
            TestInputTopic<String, String> in = input(driver, "in");
            in.pipeInput(new TestRecord<>("k", "a", traceHeaders("t1"), 1_000L));
            in.pipeInput(new TestRecord<>("k", "b", traceHeaders("t2"), 3_000L));

            // The second record merges the first session into a longer one: a tombstone, then the merged result.
            List<KeyValue<String, String>> expected = List.of(KeyValue.pair("k@1000-1000", "a"),
                KeyValue.pair("k@1000-1000", null), KeyValue.pair("k@1000-3000", "ab"));
            assertEquals(expected, driver.createOutputTopic("out", Serdes.String().deserializer(),
                Serdes.String().deserializer()).readKeyValuesToList());
            assertEquals(AggregationWithHeaders.make("ab", null),
                driver.<String, String>getSessionStoreWithHeaders("sessions").fetchSession("k", 1_000L, 3_000L));
            assertEquals("ab", driver.<String, String>getSessionStore("sessions").fetchSession("k", 1_000L, 3_000L));
            List<byte[]> changes = changelog(driver, "sessions");
            assertArrayEquals(new byte[] {'a'}, changes.get(0), "the aggregate, its headers being the record's");
            assertNull(changes.get(1), "the merged session's tombstone");
            assertArrayEquals(new byte[] {'a', 'b'}, changes.get(2));
        }
    }

    @Test
    void tablesAndTheirMaterializedOperatorsKeepEmptyHeaders() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = builder.table("tbl", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as("table"));
        table.mapValues(value -> value.toUpperCase(Locale.ROOT),
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("upper").withValueSerde(Serdes.String()));
        table.filter((key, value) -> value.startsWith("v"), Materialized.as("filtered"));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).toTable(Materialized.as("as-table"));
        try (TopologyTestDriver driver = driver(builder, HEADERS)) {
            input(driver, "tbl").pipeInput(new TestRecord<>("k", "v1", traceHeaders("t1"), 1_000L));
            input(driver, "in").pipeInput(new TestRecord<>("k", "s1", traceHeaders("t2"), 2_000L));

            assertEquals(ValueTimestampHeaders.make("v1", 1_000L, null),
                driver.<String, String>getTimestampedKeyValueStoreWithHeaders("table").get("k"));
            assertEquals(ValueTimestampHeaders.make("V1", 1_000L, null),
                driver.<String, String>getTimestampedKeyValueStoreWithHeaders("upper").get("k"));
            assertEquals(ValueTimestampHeaders.make("v1", 1_000L, null),
                driver.<String, String>getTimestampedKeyValueStoreWithHeaders("filtered").get("k"));
            assertEquals(ValueTimestampHeaders.make("s1", 2_000L, null),
                driver.<String, String>getTimestampedKeyValueStoreWithHeaders("as-table").get("k"));
            assertLogged(1_000L, utf8("v1"), changelogRecords(driver, "table").get(0));
            assertLogged(1_000L, utf8("V1"), changelogRecords(driver, "upper").get(0));
            assertLogged(2_000L, utf8("s1"), changelogRecords(driver, "as-table").get(0));
        }
    }

    /**
     * Joins streams "left" and "right" within 10 seconds into "joined" ("l+r"), with window stores
     * "join-this-join-store" and "join-other-join-store", and returns the left stream.
     */
    static KStream<String, String> joinLeftAndRight(StreamsBuilder builder) {
        KStream<String, String> left = builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> right = builder.stream("right", Consumed.with(Serdes.String(), Serdes.String()));
        left.join(right, (l, r) -> l + "+" + r, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(10)),
                StreamJoined.<String, String, String>as("join").withKeySerde(Serdes.String())
                    .withValueSerde(Serdes.String()).withOtherValueSerde(Serdes.String()))
            .to("joined", Produced.with(Serdes.String(), Serdes.String()));
        return left;
    }

    @Test
    void streamStreamJoinWindowsKeepEachRecordsHeaders() {
        StreamsBuilder builder = new StreamsBuilder();
        joinLeftAndRight(builder);
        try (TopologyTestDriver driver = driver(builder, HEADERS)) {
            input(driver, "left").pipeInput(new TestRecord<>("k", "l1", traceHeaders("t1"), 1_000L));
            input(driver, "right").pipeInput(new TestRecord<>("k", "r1", traceHeaders("t2"), 2_000L));

            List<TestRecord<String, String>> joined = driver.createOutputTopic("joined",
                Serdes.String().deserializer(), Serdes.String().deserializer()).readRecordsToList();
            assertEquals(List.of("l1+r1"), joined.stream().map(TestRecord::value).toList());
            assertArrayEquals(utf8("t2"), joined.get(0).headers().lastHeader("trace").value(),
                "a result has the headers of the record that triggered it");
            assertEquals(ValueTimestampHeaders.make("l1", 1_000L, traceHeaders("t1")),
                driver.<String, String>getTimestampedWindowStoreWithHeaders("join-this-join-store").fetch("k", 1_000L));
            assertEquals(ValueTimestampHeaders.make("r1", 2_000L, traceHeaders("t2")),
                driver.<String, String>getTimestampedWindowStoreWithHeaders("join-other-join-store")
                    .fetch("k", 2_000L));
            // The changelogs hold the plain values DEFAULT's stores log; timestamps and headers are the records'.
            TestRecord<byte[], byte[]> left = changelogRecords(driver, "join-this-join-store").get(0);
            assertLogged(1_000L, utf8("l1"), left);
            assertArrayEquals(utf8("t1"), left.headers().lastHeader("trace").value());
            TestRecord<byte[], byte[]> right = changelogRecords(driver, "join-other-join-store").get(0);
            assertLogged(2_000L, utf8("r1"), right);
            assertArrayEquals(utf8("t2"), right.headers().lastHeader("trace").value());
        }
    }

    @Test
    void tableTableJoinResultsKeepEmptyHeaders() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> left = builder.table("left", Consumed.with(Serdes.String(), Serdes.String()));
        KTable<String, String> right = builder.table("right", Consumed.with(Serdes.String(), Serdes.String()));
        left.join(right, (l, r) -> l + "+" + r, Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(
            "table-join").withValueSerde(Serdes.String()));
        // A foreign-key join on the left value's prefix: "k" -> "l1" looks up right key "l".
        left.join(right, value -> value.substring(0, 1), (l, r) -> l + "->" + r,
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("fk-join").withValueSerde(Serdes.String()));
        try (TopologyTestDriver driver = driver(builder, HEADERS)) {
            input(driver, "left").pipeInput(new TestRecord<>("k", "l1", traceHeaders("t1"), 1_000L));
            TestInputTopic<String, String> rightInput = input(driver, "right");
            rightInput.pipeInput(new TestRecord<>("k", "r1", traceHeaders("t2"), 2_000L));
            rightInput.pipeInput(new TestRecord<>("l", "r2", traceHeaders("t3"), 3_000L));

            assertEquals(ValueTimestampHeaders.make("l1+r1", 2_000L, null),
                driver.<String, String>getTimestampedKeyValueStoreWithHeaders("table-join").get("k"));
            assertLogged(2_000L, utf8("l1+r1"), changelogRecords(driver, "table-join").get(0));
            assertEquals(ValueTimestampHeaders.make("l1->r2", 3_000L, null),
                driver.<String, String>getTimestampedKeyValueStoreWithHeaders("fk-join").get("k"));
        }
    }

    @Test
    void streamTableAndGlobalTableJoinsReadHeadersAwareTables() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = builder.table("tbl", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as("table"));
        GlobalKTable<String, String> global = builder.globalTable("glb",
            Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("global"));
        KStream<String, String> in = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        in.join(table, (value, row) -> value + "+" + row).to("joined", Produced.with(Serdes.String(),
            Serdes.String()));
        in.join(global, (key, value) -> key, (value, row) -> value + "*" + row).to("joined",
            Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = driver(builder, HEADERS)) {
            input(driver, "tbl").pipeInput(new TestRecord<>("k", "t", traceHeaders("t1"), 1_000L));
            input(driver, "glb").pipeInput(new TestRecord<>("k", "g", traceHeaders("t2"), 2_000L));
            input(driver, "in").pipeInput(new TestRecord<>("k", "s", traceHeaders("t3"), 3_000L));

            assertEquals(List.of("s+t", "s*g"), driver.createOutputTopic("joined", Serdes.String().deserializer(),
                Serdes.String().deserializer()).readValuesToList());
            assertEquals(ValueTimestampHeaders.make("g", 2_000L, null),
                driver.<String, String>getTimestampedKeyValueStoreWithHeaders("global").get("k"));
        }
    }

    @Test
    void aGivenStoreSupplierKeepsItsOwnFormat() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        in.groupByKey().count(Materialized.as(Stores.persistentKeyValueStore("given-plain")));
        in.groupByKey().count(Materialized.as(Stores.persistentTimestampedKeyValueStoreWithHeaders("given-headers")));
        Topology topology = builder.build();
        for (String format : List.of(DEFAULT, HEADERS)) {
            try (TopologyTestDriver driver = driver(topology, format)) {
                input(driver, "in").pipeInput(new TestRecord<>("k", "a", traceHeaders("t1"), 1_000L));

                assertNull(driver.getTimestampedKeyValueStoreWithHeaders("given-plain"), format);
                assertLogged(1_000L, longBytes(1L), changelogRecords(driver, "given-plain").get(0), format);
                assertEquals(ValueTimestampHeaders.make(1L, 1_000L, null),
                    driver.<String, Long>getTimestampedKeyValueStoreWithHeaders("given-headers").get("k"), format);
                assertLogged(1_000L, longBytes(1L), changelogRecords(driver, "given-headers").get(0),
                    format);
            }
        }
    }

    @Test
    void formatIsCaseInsensitiveAndValidated() {
        try (TopologyTestDriver driver = driver(counting(false), "headers")) {
            input(driver, "in").pipeInput(new TestRecord<>("k", "a", traceHeaders("t1"), 1_000L));
            assertNotNull(driver.getTimestampedKeyValueStoreWithHeaders("counts"));
        }
        ConfigException invalid = assertThrows(ConfigException.class,
            () -> driver(counting(false), "JSON"));
        // Kafka's ConfigDef lists a case-insensitive choice's values upper case, in the order of a hash set of them.
        assertEquals("Invalid value JSON for configuration dsl.store.format: String must be one of (case"
            + " insensitive): HEADERS, DEFAULT", invalid.getMessage());
    }

    @Test
    void theRunningClientsFormatWinsOverTheTopologyConfigs() {
        Properties topologyProps = new Properties();
        topologyProps.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        topologyProps.put(StreamsConfig.DSL_STORE_FORMAT_CONFIG, HEADERS);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(topologyProps)));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        try (TopologyTestDriver driver = driver(builder, DEFAULT)) {
            input(driver, "in").pipeInput(new TestRecord<>("k", "a", traceHeaders("t1"), 1_000L));
            assertNull(driver.getTimestampedKeyValueStoreWithHeaders("counts"), "as in Kafka, the config is global");
        }
    }
}
