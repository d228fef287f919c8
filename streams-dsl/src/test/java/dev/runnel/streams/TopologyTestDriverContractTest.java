package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.GlobalKTable;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.kstream.WindowedSerdes;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.SessionStoreWithHeaders;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The driver and its test topics behave as kafka-streams-test-utils 4.x documents them, so a Kafka Streams user's
 * driver tests pass unchanged once their imports are rewritten.
 */
class TopologyTestDriverContractTest {
    private static final Instant START = Instant.ofEpochMilli(1_000L);

    private static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver driver, Instant start, Duration advance) {
        return driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer(), start,
            advance);
    }

    private static TestOutputTopic<String, String> output(TopologyTestDriver driver) {
        return driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    private static List<Long> timestamps(List<TestRecord<String, String>> records) {
        return records.stream().map(TestRecord::timestamp).toList();
    }

    @Test
    void shouldStampRecordsWithoutATimeFromTheTopicsClockAndLeaveItAloneForTimedRecords() {
        try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
            TestInputTopic<String, String> in = input(driver, START, Duration.ofMillis(10));
            TestOutputTopic<String, String> out = output(driver);
            in.pipeInput("k", "a");
            in.pipeInput("b");
            in.pipeInput("k", "c", 5L);
            in.pipeInput("k", "d", Instant.ofEpochMilli(7));
            in.pipeInput("e", Instant.ofEpochMilli(8));
            in.pipeInput(new TestRecord<>("k", "f", Instant.ofEpochMilli(9)));
            in.advanceTime(Duration.ofMillis(100));
            in.pipeInput(new TestRecord<>("k", "g"));
            in.pipeRecordList(List.of(new TestRecord<>("k", "h"), new TestRecord<>("k", "i", null, 3L)));
            in.pipeKeyValueList(List.of(KeyValue.pair("k", "j")));
            in.pipeValueList(List.of("l"));
            // Only records without their own time read (and advance) the topic's clock.
            assertEquals(List.of(1_000L, 1_010L, 5L, 7L, 8L, 9L, 1_120L, 1_130L, 3L, 1_140L, 1_150L),
                timestamps(out.readRecordsToList()));

            in.pipeKeyValueList(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2")), Instant.ofEpochMilli(50),
                Duration.ofMillis(5));
            in.pipeValueList(List.of("3", "4"), Instant.ofEpochMilli(70), Duration.ofMillis(2));
            assertEquals(List.of(new TestRecord<>("a", "1", Instant.ofEpochMilli(50)),
                    new TestRecord<>("b", "2", Instant.ofEpochMilli(55)),
                    new TestRecord<>(null, "3", Instant.ofEpochMilli(70)),
                    new TestRecord<>(null, "4", Instant.ofEpochMilli(72))),
                out.readRecordsToList());
            // Those lists used their own times, not the topic's.
            in.pipeInput("k", "m");
            assertEquals(1_160L, out.readRecord().timestamp());
        }
    }

    @Test
    void shouldRejectNegativeAdvancesAndTimestamps() {
        try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
            Serde<String> serde = Serdes.String();
            // with test-utils' messages (the wall clock's is its mock time's)
            assertIllegal("autoAdvance must be positive", () -> driver.createInputTopic("in", serde.serializer(),
                serde.serializer(), START, Duration.ofMillis(-1)));
            TestInputTopic<String, String> in = input(driver, START, Duration.ZERO);
            assertIllegal("advance must be positive", () -> in.advanceTime(Duration.ofMillis(-1)));
            assertIllegal("Invalid timestamp: -1. Timestamp should always be non-negative or null.",
                () -> in.pipeInput("k", "v", -1L));
            assertIllegal("Sleep ms cannot be negative.", () -> driver.advanceWallClockTime(Duration.ofMillis(-1)));
        }
    }

    @Test
    void shouldRejectNullArgumentsWithTestUtilsMessages() {
        try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
            Serde<String> serde = Serdes.String();
            assertNullArgument("topicName cannot be null",
                () -> driver.createInputTopic(null, serde.serializer(), serde.serializer()));
            assertNullArgument("keySerializer cannot be null",
                () -> driver.createInputTopic("in", null, serde.serializer()));
            assertNullArgument("valueSerializer cannot be null",
                () -> driver.createInputTopic("in", serde.serializer(), null));
            assertNullArgument("startTimestamp cannot be null",
                () -> driver.createInputTopic("in", serde.serializer(), serde.serializer(), null, Duration.ZERO));
            assertNullArgument("autoAdvance cannot be null",
                () -> driver.createInputTopic("in", serde.serializer(), serde.serializer(), START, null));
            assertNullArgument("topicName cannot be null",
                () -> driver.createOutputTopic(null, serde.deserializer(), serde.deserializer()));
            assertNullArgument("keyDeserializer cannot be null",
                () -> driver.createOutputTopic("out", null, serde.deserializer()));
            assertNullArgument("valueDeserializer cannot be null",
                () -> driver.createOutputTopic("out", serde.deserializer(), null));
            assertNullArgument("advance cannot be null", () -> driver.advanceWallClockTime(null));
        }
    }

    private static void assertIllegal(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    private static void assertNullArgument(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void shouldThrowNoSuchElementForAnEmptyOrNeverWrittenTopicAndNameAnUnknownInputTopic() {
        try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
            TestOutputTopic<String, String> out = output(driver);
            assertTrue(out.isEmpty());
            assertEquals(0, out.getQueueSize());
            assertThrows(NoSuchElementException.class, out::readRecord);
            assertThrows(NoSuchElementException.class, out::readValue);
            assertThrows(NoSuchElementException.class, out::readKeyValue);
            assertEquals(List.of(), out.readKeyValuesToList());
            assertEquals(Map.of(), out.readKeyValuesToMap());

            input(driver, START, Duration.ZERO).pipeInput("k", "v");
            assertFalse(out.isEmpty());
            assertEquals(1, out.getQueueSize());
            assertEquals("v", out.readValue());
            assertThrows(NoSuchElementException.class, out::readRecord);

            TestInputTopic<String, String> unknown = input(driver, "nope");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unknown.pipeInput("v"));
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
            // A sink topic is not an input topic.
            TestInputTopic<String, String> sink = input(driver, "out");
            assertThrows(IllegalArgumentException.class, () -> sink.pipeInput("v"));
        }
    }

    @Test
    void shouldKeepTheLastValueOfEachKeyInAMapNullIncludedAndRefuseANullKey() {
        try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
            TestInputTopic<String, String> in = input(driver, START, Duration.ZERO);
            TestOutputTopic<String, String> out = output(driver);
            in.pipeKeyValueList(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("a", "3"),
                KeyValue.pair("b", null)));
            Map<String, String> expected = new HashMap<>();
            expected.put("a", "3");
            expected.put("b", null);
            assertEquals(expected, out.readKeyValuesToMap());

            in.pipeInput("a", "4");
            in.pipeInput("no key");
            assertThrows(IllegalStateException.class, out::readKeyValuesToMap);
        }
    }

    @Test
    void shouldCarryInputHeadersToTheOutputAndCompareRecordsByContent() {
        try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
            TestInputTopic<String, String> in = input(driver, START, Duration.ZERO);
            TestOutputTopic<String, String> out = output(driver);
            RecordHeaders headers = new RecordHeaders();
            headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
            in.pipeInput(new TestRecord<>("k", "v", headers, 42L));
            TestRecord<String, String> read = out.readRecord();
            assertEquals(new TestRecord<>("k", "v", headers, Instant.ofEpochMilli(42)), read);
            assertEquals(new TestRecord<>("k", "v", headers, 42L).hashCode(), read.hashCode());
            assertEquals("t-1", new String(read.headers().lastHeader("trace").value(), StandardCharsets.UTF_8));
            // Printed as Kafka prints its RecordHeaders: each value as its bytes ('t' 116, '-' 45, '1' 49).
            assertEquals("RecordHeaders(headers = [RecordHeader(key = trace, value = [116, 45, 49])], isReadOnly ="
                + " false)", read.headers().toString());
            assertEquals("RecordHeaders(headers = [RecordHeader(key = trace, value = [116, 45, 49])], isReadOnly ="
                + " false)", headers.toString());
            assertNotEquals(new TestRecord<>("k", "v", Instant.ofEpochMilli(42)), read);
            assertEquals(read.key(), read.getKey());
            assertEquals(read.value(), read.getValue());
            assertEquals(read.headers(), read.getHeaders());
            assertEquals(Instant.ofEpochMilli(42), read.getRecordTime());

            TestRecord<String, String> plain = new TestRecord<>("k", "v", null, 7L);
            assertEquals(new TestRecord<>("k", "v", new RecordHeaders(), Instant.ofEpochMilli(7)), plain);
            assertEquals("TestRecord[key=k, value=v, headers=" + plain.headers()
                + ", recordTime=1970-01-01T00:00:00.007Z]", plain.toString());
            assertNull(new TestRecord<>("v").key());
            assertNull(new TestRecord<>("k", "v").timestamp());
            assertThrows(IllegalArgumentException.class, () -> new TestRecord<>("k", "v", null, -1L));
        }
    }

    @Test
    void shouldStampAnAggregateWithTheLatestTimeOfItsInputs() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count()
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = input(driver, START, Duration.ZERO);
            TestOutputTopic<String, Long> counts =
                driver.createOutputTopic("counts", Serdes.String().deserializer(), Serdes.Long().deserializer());
            in.pipeInput("a", "x", 10L);
            in.pipeInput("a", "y", 5L);
            in.pipeInput("a", "z", 20L);
            assertEquals(List.of(new TestRecord<>("a", 1L, null, 10L), new TestRecord<>("a", 2L, null, 10L),
                new TestRecord<>("a", 3L, null, 20L)), counts.readRecordsToList());
        }
    }

    @Test
    void shouldStampATableJoinResultWithTheLaterOfItsInputs() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> left = builder.table("left", Consumed.with(Serdes.String(), Serdes.String()));
        KTable<String, String> right = builder.table("right", Consumed.with(Serdes.String(), Serdes.String()));
        left.join(right, (l, r) -> l + r).toStream().to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> leftIn = input(driver, "left");
            TestInputTopic<String, String> rightIn = input(driver, "right");
            TestOutputTopic<String, String> out = output(driver);
            leftIn.pipeInput("k", "a", 30L);
            rightIn.pipeInput("k", "b", 10L);
            leftIn.pipeInput("k", "c", 5L);
            assertEquals(List.of(new TestRecord<>("k", "ab", null, 30L), new TestRecord<>("k", "cb", null, 10L)),
                out.readRecordsToList());
        }
    }

    /** Forwards, on each wall-clock punctuation, a record stamped with the punctuation's time. */
    private static final class Ticker implements Processor<String, String, String, String> {
        @Override
        public void init(ProcessorContext<String, String> context) {
            context.schedule(Duration.ofMillis(100), PunctuationType.WALL_CLOCK_TIME,
                timestamp -> context.forward(new Record<>("tick", "at " + timestamp, timestamp)));
        }

        @Override
        public void process(Record<String, String> record) {
            // Only the punctuation writes.
        }
    }

    @Test
    void shouldStampAPunctuatorsRecordWithTheMockWallClockAndCaptureItWithoutInput() {
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "in")
            .addProcessor("ticker", Ticker::new, "source")
            .addSink("sink", "out", Serdes.String().serializer(), Serdes.String().serializer(), "ticker");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, new Properties(), START)) {
            TestOutputTopic<String, String> out = output(driver);
            driver.advanceWallClockTime(Duration.ofMillis(99));
            assertTrue(out.isEmpty());
            driver.advanceWallClockTime(Duration.ofMillis(1));
            assertEquals(List.of(new TestRecord<>("tick", "at 1100", null, 1_100L)), out.readRecordsToList());
        }
    }

    /** Forwards "tick@t" on each stream-time punctuation, every 10 ms, and the records it gets. */
    private static final class StreamTimeTicker implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            context.schedule(Duration.ofMillis(10), PunctuationType.STREAM_TIME,
                timestamp -> context.forward(new Record<>("tick", "tick@" + timestamp, timestamp)));
        }

        @Override
        public void process(Record<String, String> record) {
            context.forward(record);
        }
    }

    @Test
    void shouldShareStreamTimeAcrossSubtopologiesAsKafkasSingleTaskDriverDoes() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .filter((key, value) -> !value.equals("drop"))
            .repartition()
            .process(StreamTimeTicker::new)
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties config = new Properties();
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            TestInputTopic<String, String> in = input(driver, START, Duration.ZERO);
            TestOutputTopic<String, String> out = output(driver);
            // Kafka's driver runs every sub-topology in one task: a record the first one drops still moves the
            // stream time the punctuator after the repartition topic sees.
            in.pipeInput("k", "drop", 5L);
            assertEquals(List.of(KeyValue.pair("tick", "tick@5")), out.readKeyValuesToList());
            in.pipeInput("k", "drop", 12L);
            assertEquals(List.of(KeyValue.pair("tick", "tick@12")), out.readKeyValuesToList());
            // The task punctuates before the repartitioned record comes back to it.
            in.pipeInput("k", "keep", 25L);
            assertEquals(List.of(KeyValue.pair("tick", "tick@25"), KeyValue.pair("k", "keep")),
                out.readKeyValuesToList());
        }
    }

    private static List<Long> windowedCountsAfterADroppedLateRecord(boolean repartition) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> kept = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .filter((key, value) -> !value.equals("drop"));
        (repartition ? kept.groupBy((key, value) -> key) : kept.groupByKey())
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .count()
            .toStream()
            .map((window, count) -> KeyValue.pair(window.key(), count))
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        Properties config = new Properties();
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            TestInputTopic<String, String> in = input(driver, START, Duration.ZERO);
            in.pipeInput("a", "x", 5L);
            in.pipeInput("b", "drop", 100L);
            in.pipeInput("a", "y", 6L);
            return driver.createOutputTopic("counts", Serdes.String().deserializer(), Serdes.Long().deserializer())
                .readValuesToList();
        }
    }

    @Test
    void shouldCloseWindowsByTheTimeOfTheRecordsTheAggregationSaw() {
        // Kafka's windowed aggregations track the stream time of the records they process; one the filter drops
        // does not close their windows.
        assertEquals(List.of(1L, 2L), windowedCountsAfterADroppedLateRecord(false));
        assertEquals(List.of(1L, 2L), windowedCountsAfterADroppedLateRecord(true));
    }

    @Test
    void shouldRunAGroupByThroughItsRepartitionTopicUnderExactlyOnceAndListEveryProducedTopic() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((key, value) -> value, Grouped.with("by-value", Serdes.String(), Serdes.String()))
            .count(Materialized.as("counts"))
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            TestInputTopic<String, String> in = input(driver, START, Duration.ZERO);
            TestOutputTopic<String, Long> counts =
                driver.createOutputTopic("counts", Serdes.String().deserializer(), Serdes.Long().deserializer());
            in.pipeKeyValueList(List.of(KeyValue.pair("1", "red"), KeyValue.pair("2", "blue"),
                KeyValue.pair("3", "red")));
            assertEquals(List.of(KeyValue.pair("red", 1L), KeyValue.pair("blue", 1L), KeyValue.pair("red", 2L)),
                counts.readKeyValuesToList());
            assertEquals(2L, driver.<String, Long>getKeyValueStore("counts").get("red"));
            assertTrue(driver.producedTopicNames().containsAll(
                List.of("counts", "app-by-value-repartition", "app-counts-changelog")),
                driver.producedTopicNames().toString());
        }
    }

    @Test
    void shouldReadWindowedKeysWithWindowedSerdes() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(100)))
            .count()
            .toStream()
            .to("out", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 100), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = input(driver, START, Duration.ZERO);
            TestOutputTopic<Windowed<String>, Long> out = driver.createOutputTopic("out",
                WindowedSerdes.timeWindowedSerdeFrom(String.class, 100).deserializer(), Serdes.Long().deserializer());
            in.pipeInput("a", "x", 10L);
            in.pipeInput("a", "y", 150L);
            List<KeyValue<Windowed<String>, Long>> read = out.readKeyValuesToList();
            assertEquals(2, read.size());
            assertEquals("a", read.get(0).key.key());
            assertEquals(0L, read.get(0).key.window().start());
            assertEquals(100L, read.get(0).key.window().end());
            assertEquals(100L, read.get(1).key.window().start());
            assertEquals(200L, read.get(1).key.window().end());
            assertEquals(List.of(1L, 1L), List.of(read.get(0).value, read.get(1).value));
        }
    }

    private static Topology storesOfEveryKind() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(Materialized.as("timestamped-kv"));
        builder.stream("in2", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(100)))
            .count(Materialized.as("windowed"));
        builder.stream("in3", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(100)))
            .count(Materialized.as("sessions"));
        builder.table("in4", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as(Stores.persistentVersionedKeyValueStore("versioned", Duration.ofMinutes(1))));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("plain-kv"),
            Serdes.String(), Serdes.String()));
        builder.stream("in5", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new Processor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    // Only connects the store.
                }
            }, "plain-kv");
        return builder.build();
    }

    @Test
    void shouldRefuseBuiltInStoresThroughGetStateStoreAndGiveNullThroughAMismatchedTypedGetter() {
        try (TopologyTestDriver driver = new TopologyTestDriver(storesOfEveryKind())) {
            // Kafka's driver names the kind of store and its getter (the DSL's window stores are timestamped, its
            // session stores are not).
            Map<String, String> refusals = Map.of(
                "timestamped-kv", "a timestamped key-value store and should be accessed via"
                    + " `getTimestampedKeyValueStore()`",
                "windowed", "a timestamped window store and should be accessed via `getTimestampedWindowStore()`",
                "sessions", "a session store and should be accessed via `getSessionStore()`",
                "versioned", "a versioned key-value store and should be accessed via `getVersionedKeyValueStore()`",
                "plain-kv", "a key-value store and should be accessed via `getKeyValueStore()`");
            refusals.forEach((name, refusal) -> {
                IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> driver.getStateStore(name));
                assertEquals("Store " + name + " is " + refusal, e.getMessage());
                assertNotNull(driver.getAllStateStores().get(name), name);
            });
            assertNull(driver.getStateStore("no-such-store"));

            assertNotNull(driver.getKeyValueStore("plain-kv"));
            assertNull(driver.getTimestampedKeyValueStore("plain-kv"));
            assertNull(driver.getWindowStore("plain-kv"));
            assertNull(driver.getSessionStore("plain-kv"));
            assertNull(driver.getVersionedKeyValueStore("plain-kv"));

            KeyValueStore<String, ValueAndTimestamp<Long>> timestamped =
                driver.getTimestampedKeyValueStore("timestamped-kv");
            assertNotNull(timestamped);
            assertNotNull(driver.getKeyValueStore("timestamped-kv"));
            assertNull(driver.getWindowStore("timestamped-kv"));
            assertNull(driver.getVersionedKeyValueStore("timestamped-kv"));

            WindowStore<String, ValueAndTimestamp<Long>> windowed = driver.getTimestampedWindowStore("windowed");
            assertNotNull(windowed);
            assertNotNull(driver.getWindowStore("windowed"));
            assertNull(driver.getKeyValueStore("windowed"));
            assertNull(driver.getSessionStore("windowed"));

            assertNotNull(driver.getSessionStore("sessions"));
            assertNull(driver.getKeyValueStore("sessions"));
            assertNull(driver.getWindowStore("sessions"));

            assertNotNull(driver.getVersionedKeyValueStore("versioned"));
            assertNull(driver.getKeyValueStore("versioned"));
            assertNull(driver.getTimestampedKeyValueStore("versioned"));
        }
    }

    @Test
    void shouldGiveAHeadersAwareSessionStoreAsKafkasTypedGetterDoes() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(100)))
            .count(Materialized.<String, Long>as(
                Stores.persistentSessionStoreWithHeaders("sessions", Duration.ofMinutes(1)))
                .withCachingDisabled());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            input(driver, START, Duration.ZERO).pipeInput("a", "x", 10L);
            SessionStoreWithHeaders<String, Long> sessions = driver.getSessionStoreWithHeaders("sessions");
            assertNotNull(sessions);
            assertEquals(1L, sessions.fetchSession("a", 10L, 10L).aggregation());
        }
    }

    @Test
    void shouldEmitALeftJoinsUnmatchedRecordAsSoonAsStreamTimeClosesItsWindow() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()))
            .leftJoin(builder.stream("right", Consumed.with(Serdes.String(), Serdes.String())),
                (l, r) -> l + "+" + r, JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ZERO))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> left = input(driver, "left");
            TestInputTopic<String, String> right = input(driver, "right");
            TestOutputTopic<String, String> out = output(driver);
            left.pipeInput("k", "a", 0L);
            assertTrue(out.isEmpty());
            // Kafka's driver emits left-only results without throttling; no wall-clock advance is needed.
            right.pipeInput("other", "b", 100L);
            assertEquals(List.of(new TestRecord<>("k", "a+null", null, 0L)), out.readRecordsToList());
        }
    }

    @Test
    void shouldFillAGlobalTableFromItsPipedTopic() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> names =
            builder.globalTable("names", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("names"));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .join(names, (key, value) -> key, (value, name) -> value + "@" + name)
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            input(driver, "names").pipeInput("k", "kim", 5L);
            input(driver, START, Duration.ZERO).pipeInput("k", "hi", 1L);
            assertEquals(List.of(KeyValue.pair("k", "hi@kim")), output(driver).readKeyValuesToList());
            assertTrue(driver.getAllStateStores().containsKey("names"));
            assertEquals("kim", driver.<String, String>getTimestampedKeyValueStore("names").get("k").value());
        }
    }

    /**
     * Kafka Streams runs every global store's processor in one global task, {@code -1_-1}, whose state folder is {@code
     * <application.id>/global}: a processor sees that id, and the global task's metrics carry it. Here a global
     * table drops a record with a null key (dropped-records-total 1) and each global source counts the record it got
     * (process-total, recorded at DEBUG: 1 per source, 2 for the task).
     */
    @Test
    void shouldRunGlobalProcessorsInTheGlobalTaskMinusOne() {
        StreamsBuilder builder = new StreamsBuilder();
        List<String> seen = new ArrayList<>();
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("settings"), Serdes.String(),
                Serdes.String()).withLoggingDisabled(), "settings", Consumed.with(Serdes.String(), Serdes.String()),
            () -> new Processor<String, String, Void, Void>() {
                private ProcessorContext<Void, Void> context;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    this.context = context;
                    seen.add("init " + context.taskId() + " " + context.stateDir().getName());
                }

                @Override
                public void process(Record<String, String> record) {
                    seen.add("process " + context.taskId());
                }
            });
        builder.globalTable("names", Consumed.with(Serdes.String(), Serdes.String()));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> { });
        Properties props = new Properties();
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            input(driver, "settings").pipeInput("k", "v");
            input(driver, "names").pipeInput(null, "nameless");
            assertEquals(List.of("init -1_-1 global", "process -1_-1"), seen);
            String thread = Thread.currentThread().getName();
            assertEquals(1.0, metric(driver, "stream-task-metrics", "dropped-records-total",
                Map.of("thread-id", thread, "task-id", "-1_-1")));
            assertEquals(2.0, metric(driver, "stream-task-metrics", "process-total",
                Map.of("thread-id", thread, "task-id", "-1_-1")));
            assertEquals(1.0, metric(driver, "stream-processor-node-metrics", "process-total",
                Map.of("thread-id", thread, "task-id", "-1_-1", "processor-node-id", "KSTREAM-SOURCE-0000000000")));
        }
    }

    /**
     * Kafka's driver runs every sub-topology in one task, 0_0: a processor past a repartition sees that id, not its
     * sub-topology's (1_0 at runtime), and the task's dropped records count all sub-topologies' drops: two counts in
     * sub-topologies of their own each drop a record with a null key, 2.
     */
    @Test
    void shouldRunEverySubTopologyInTaskZeroAsKafkasDriverDoes() {
        StreamsBuilder builder = new StreamsBuilder();
        List<String> taskIds = new ArrayList<>();
        KStream<String, String> words = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        words.groupBy((key, value) -> value.isEmpty() ? null : value, Grouped.with(Serdes.String(), Serdes.String()))
            .count()
            .toStream()
            .process(() -> new Processor<String, Long, Void, Void>() {
                private ProcessorContext<Void, Void> context;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, Long> record) {
                    taskIds.add(record.key() + "@" + context.taskId());
                }
            });
        builder.stream("keyed", Consumed.with(Serdes.String(), Serdes.String())).groupByKey().count();
        builder.stream("keyed2", Consumed.with(Serdes.String(), Serdes.String())).groupByKey().count();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            input(driver, "in").pipeInput("a");
            for (String topic : List.of("keyed", "keyed2")) {
                input(driver, topic).pipeInput(null, "x");
            }
            assertEquals(List.of("a@0_0"), taskIds);
            assertEquals(2.0, metric(driver, "stream-task-metrics", "dropped-records-total",
                Map.of("thread-id", Thread.currentThread().getName(), "task-id", "0_0")));
        }
    }

    /**
     * As in Kafka's driver, records an input sent before it failed are output with the next input's: the driver
     * captures outputs after an input is processed, and a failure skips that.
     */
    @Test
    void shouldOutputWhatAFailedInputSentWithTheNextInput() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> input = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        input.to("out", Produced.with(Serdes.String(), Serdes.String()));
        input.foreach((key, value) -> {
            if (value.equals("boom")) {
                throw new IllegalStateException("boom");
            }
        });
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                Serdes.String().serializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", Serdes.String().deserializer(),
                Serdes.String().deserializer());
            assertThrows(StreamsException.class, () -> in.pipeInput("k", "boom"));
            assertEquals(List.of(), out.readValuesToList());
            in.pipeInput("k", "next");
            assertEquals(List.of("boom", "next"), out.readValuesToList());
        }
    }

    private static Object metric(TopologyTestDriver driver, String group, String name, Map<String, String> tags) {
        return driver.metrics().entrySet().stream()
            .filter(e -> e.getKey().group().equals(group) && e.getKey().name().equals(name)
                && e.getKey().tags().equals(tags))
            .map(e -> e.getValue().metricValue())
            .findFirst().orElseThrow(() -> new AssertionError("no metric " + group + " " + name + " " + tags));
    }

    /**
     * Kafka's driver gathers the stores in a HashMap, so a ported test listing their names sees them in hash order
     * ("a" before "b"), not in the order the topology added them.
     */
    @Test
    void shouldListAllStateStoresInHashOrder() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("one", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("b"));
        builder.table("two", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("a"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            assertEquals("[a, b]", driver.getAllStateStores().keySet().toString());
        }
    }

    @Test
    void shouldDescribeTheTestTopics() {
        try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
            input(driver, START, Duration.ZERO).pipeInput("k", "v");
            assertEquals("TestInputTopic[topic='in', keySerializer=StringSerializer, valueSerializer=StringSerializer]",
                input(driver, START, Duration.ZERO).toString());
            assertEquals("TestOutputTopic[topic='out', keyDeserializer=StringDeserializer, "
                + "valueDeserializer=StringDeserializer, size=1]", output(driver).toString());
        }
    }

    @Test
    void shouldKeepOutputsReadableAfterClose() {
        TestOutputTopic<String, String> out;
        try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
            input(driver, START, Duration.ZERO).pipeInput("k", "v");
            out = output(driver);
        }
        assertEquals(KeyValue.pair("k", "v"), out.readKeyValue());
    }
}
