package dev.runnel.streams.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TestOutputTopic;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.processor.api.RecordMetadata;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.test.TestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The processor API through TopologyTestDriver: punctuation on both clocks, forwarding, stores and failures. */
class ProcessorApiTest {
    private static final Instant WALL_CLOCK_START = Instant.ofEpochMilli(1_000L);

    /** Forwards every input as ("in", value), and on each punctuation forwards ("tick", "tick@time"). */
    private static final class Ticker extends ContextualProcessor<String, String, String, String> {
        private final PunctuationType type;
        private final long intervalMs;
        private final int maxTicks;
        private int ticks;

        Ticker(PunctuationType type, long intervalMs, int maxTicks) {
            this.type = type;
            this.intervalMs = intervalMs;
            this.maxTicks = maxTicks;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            super.init(context);
            Cancellable[] schedule = new Cancellable[1];
            schedule[0] = context.schedule(Duration.ofMillis(intervalMs), type, timestamp -> {
                RecordMetadata metadata = context.recordMetadata().orElseThrow();
                assertEquals(null, metadata.topic());
                assertEquals(-1L, metadata.offset());
                if (type == PunctuationType.STREAM_TIME) {
                    assertEquals(timestamp, context.currentStreamTimeMs());
                } else {
                    assertEquals(timestamp, context.currentSystemTimeMs());
                }
                context.forward(new Record<>("tick", "tick@" + timestamp, timestamp));
                if (++ticks == maxTicks) {
                    schedule[0].cancel();
                }
            });
        }

        @Override
        public void process(Record<String, String> record) {
            context().forward(record.withKey("in"));
        }
    }

    private static Topology tickerTopology(PunctuationType type, long intervalMs, int maxTicks) {
        return new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("ticker", () -> new Ticker(type, intervalMs, maxTicks), "source")
            .addSink("sink", "output", Serdes.String().serializer(), Serdes.String().serializer(), "ticker");
    }

    @Test
    void shouldPunctuateOnStreamTimeAlignedToInterval() {
        try (TopologyTestDriver driver = new TopologyTestDriver(tickerTopology(PunctuationType.STREAM_TIME, 10, 100),
            WALL_CLOCK_START)) {
            TestInputTopic<String, String> input =
                driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> output =
                driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.String().deserializer());
            for (long timestamp : new long[] {3, 5, 12, 35, 36, 20, 40}) {
                input.pipeInput("k", "v" + timestamp, timestamp);
            }
            // Schedules start at 0: due 0 fires at stream time 3 (next 10); 12 fires (next 20); 35 jumps past 20
            // and 30 and fires once (next 40); 36 and the late 20 do not move stream time past 40; 40 fires.
            // Wall-clock time plays no part.
            assertEquals(List.of(
                    KeyValue.pair("in", "v3"), KeyValue.pair("tick", "tick@3"),
                    KeyValue.pair("in", "v5"),
                    KeyValue.pair("in", "v12"), KeyValue.pair("tick", "tick@12"),
                    KeyValue.pair("in", "v35"), KeyValue.pair("tick", "tick@35"),
                    KeyValue.pair("in", "v36"),
                    KeyValue.pair("in", "v20"),
                    KeyValue.pair("in", "v40"), KeyValue.pair("tick", "tick@40")),
                output.readKeyValuesToList());
            driver.advanceWallClockTime(Duration.ofHours(1));
            assertTrue(output.isEmpty());
        }
    }

    @Test
    void shouldPunctuateOnWallClockTimeOnlyWhenAdvanced() {
        try (TopologyTestDriver driver = new TopologyTestDriver(
            tickerTopology(PunctuationType.WALL_CLOCK_TIME, 100, 3), WALL_CLOCK_START)) {
            TestInputTopic<String, String> input =
                driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> output =
                driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.String().deserializer());
            input.pipeInput("k", "a", 5_000L);
            assertEquals(List.of(KeyValue.pair("in", "a")), output.readKeyValuesToList());
            // First due at start + 100 = 1100.
            driver.advanceWallClockTime(Duration.ofMillis(50));
            assertTrue(output.isEmpty());
            driver.advanceWallClockTime(Duration.ofMillis(50));
            assertEquals(List.of(new TestRecord<>("tick", "tick@1100", null, 1100L)), output.readRecordsToList());
            // A jump over 1200 and 1300 fires once, at 1350; the next stays aligned at 1400.
            driver.advanceWallClockTime(Duration.ofMillis(250));
            assertEquals(List.of(KeyValue.pair("tick", "tick@1350")), output.readKeyValuesToList());
            driver.advanceWallClockTime(Duration.ofMillis(50));
            assertEquals(List.of(KeyValue.pair("tick", "tick@1400")), output.readKeyValuesToList());
            // The third tick cancelled the schedule.
            driver.advanceWallClockTime(Duration.ofSeconds(10));
            assertTrue(output.isEmpty());
        }
    }

    /*
     * Kafka Streams keeps a task's punctuations in a priority queue by due time, polls each due one, fires it and only
     * then puts it back (a cancelled one not at all), so punctuations due at the same time fire in the order that
     * queue gives. Here "once", b, c and d are all due at 0, in that order in the heap. Polling "once" moves d to
     * the root ([d, b, c]); it fires and cancels itself. Polling d moves c up ([c, b]) and d goes back due at 10
     * ([c, b, d@10]); polling c sinks d@10 below b ([b, d@10]), c@10 goes back; then b. At 10 the heap is
     * [c@10, d@10, b@10]: polling c moves b to the root, level with d, so b fires next, then d.
     */
    @Test
    void shouldFirePunctuationsDueTogetherInTheOrderOfKafkasQueue() {
        List<String> fired = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("p", () -> new ContextualProcessor<String, String, Void, Void>() {
                private dev.runnel.streams.processor.Cancellable once;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    super.init(context);
                    once = context.schedule(Duration.ofMillis(10), PunctuationType.STREAM_TIME, timestamp -> {
                        fired.add("once@" + timestamp);
                        once.cancel();
                    });
                    for (String name : List.of("b", "c", "d")) {
                        context.schedule(Duration.ofMillis(10), PunctuationType.STREAM_TIME,
                            timestamp -> fired.add(name + "@" + timestamp));
                    }
                }

                @Override
                public void process(Record<String, String> record) {
                }
            }, "source");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, WALL_CLOCK_START)) {
            TestInputTopic<String, String> input =
                driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
            input.pipeInput("k", "v", 0L);
            input.pipeInput("k", "v", 10L);
        }
        assertEquals(List.of("once@0", "d@0", "c@0", "b@0", "c@10", "b@10", "d@10"), fired);
    }

    @Test
    void shouldForwardToNamedChildOnlyAndExposeRecordMetadata() {
        List<String> metadata = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("router", () -> new ContextualProcessor<String, String, String, String>() {
                @Override
                public void process(Record<String, String> record) {
                    RecordMetadata position = context().recordMetadata().orElseThrow();
                    metadata.add(position.topic() + "/" + position.partition() + "/" + position.offset());
                    context().forward(record, record.value().startsWith("l") ? "left" : "right");
                }
            }, "source")
            .addSink("left", "left-out", Serdes.String().serializer(), Serdes.String().serializer(), "router")
            .addSink("right", "right-out", Serdes.String().serializer(), Serdes.String().serializer(), "router");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, WALL_CLOCK_START)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeValueList(List.of("l1", "r1", "l2"));
            assertEquals(List.of("l1", "l2"), driver.createOutputTopic("left-out", Serdes.String().deserializer(),
                Serdes.String().deserializer()).readValuesToList());
            assertEquals(List.of("r1"), driver.createOutputTopic("right-out", Serdes.String().deserializer(),
                Serdes.String().deserializer()).readValuesToList());
            assertEquals(List.of("input/0/0", "input/0/1", "input/0/2"), metadata);
        }
    }

    @Test
    void shouldRefuseStoreNotConnectedToProcessor() {
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("owner", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                }
            }, "source")
            .addProcessor("stranger", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    context().getStateStore("store");
                }
            }, "source")
            .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("store"), Serdes.String(),
                Serdes.String()), "owner");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, WALL_CLOCK_START)) {
            TestInputTopic<String, String> input =
                driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
            StreamsException error = assertThrows(StreamsException.class, () -> input.pipeInput("k", "v"));
            assertTrue(error.getMessage().startsWith("Exception caught in process. taskId=0_0, processor=stranger"),
                error.getMessage());
            assertTrue(error.getCause().getMessage().startsWith("Processor stranger has no access to StateStore"
                + " store"), error.getCause().getMessage());
        }
    }

    @Test
    void shouldNameTaskProcessorAndPositionWhenProcessorFails() {
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("fails", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    throw new IllegalStateException("boom");
                }
            }, "source");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, WALL_CLOCK_START)) {
            StreamsException error = assertThrows(StreamsException.class, () -> driver.createInputTopic("input",
                Serdes.String().serializer(), Serdes.String().serializer()).pipeInput("k", "v"));
            assertEquals("Exception caught in process. taskId=0_0, processor=fails, topic=input, partition=0,"
                + " offset=0", error.getMessage());
            assertEquals("boom", error.getCause().getMessage());
            assertEquals(new TaskId(0, 0), error.taskId().orElseThrow());
        }
    }

    /**
     * A processor whose init or close fails, and a source or sink without a serde for its key or value, fail naming
     * the node as Kafka Streams 4.3 does, the failure as the cause.
     */
    @Test
    void shouldNameTheNodeWhoseInitCloseOrSerdesFail() {
        Topology failingInit = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("p", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    throw new IllegalStateException("init boom");
                }

                @Override
                public void process(Record<String, String> record) {
                }
            }, "source");
        StreamsException init = assertThrows(StreamsException.class, () -> new TopologyTestDriver(failingInit));
        assertEquals("failed to initialize processor p", init.getMessage());
        assertEquals("init boom", init.getCause().getMessage());

        Topology failingClose = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("p", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                }

                @Override
                public void close() {
                    throw new IllegalStateException("close boom");
                }
            }, "source");
        TopologyTestDriver closing = new TopologyTestDriver(failingClose);
        StreamsException close = assertThrows(StreamsException.class, closing::close);
        assertEquals("failed to close processor p", close.getMessage());
        assertEquals("close boom", close.getCause().getMessage());

        // No default serdes are configured: the key's serde is looked for first.
        Topology noSourceSerdes = new Topology().addSource("source", "input");
        assertEquals("Failed to initialize key serdes for source node source",
            assertThrows(StreamsException.class, () -> new TopologyTestDriver(noSourceSerdes)).getMessage());
        Topology noSinkValueSerde = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addSink("sink", "output", Serdes.String().serializer(), null, "source");
        assertEquals("Failed to initialize value serdes for sink node sink",
            assertThrows(StreamsException.class, () -> new TopologyTestDriver(noSinkValueSerde)).getMessage());
    }

    /**
     * A processor given a key or value of another type than it takes fails with Kafka Streams' message, naming the
     * types it was given ("unknown because value is null" for a null value), the ClassCastException as its cause.
     */
    @Test
    void shouldExplainAClassCastAsKafkaDoes() {
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("numbers", () -> new ContextualProcessor<Integer, String, Void, Void>() {
                @Override
                public void process(Record<Integer, String> record) {
                    record.key().intValue();
                }
            }, "source");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, WALL_CLOCK_START)) {
            StreamsException error = assertThrows(StreamsException.class, () -> driver.createInputTopic("input",
                Serdes.String().serializer(), Serdes.String().serializer()).pipeInput("k", (String) null));
            assertEquals("ClassCastException invoking processor: numbers. Do the Processor's input types match the"
                + " deserialized types? Check the Serde setup and change the default Serdes in StreamConfig or provide"
                + " correct Serdes via method parameters. Make sure the Processor can accept the deserialized input of"
                + " type key: java.lang.String, and value: unknown because value is null." + System.lineSeparator()
                + "Note that although incorrect Serdes are a common cause of error, the cast exception might have"
                + " another cause (in user code, for example). For example, if a processor wires in a store, but casts"
                + " the generics incorrectly, a class cast exception could be raised during processing, but the cause"
                + " would not be wrong Serdes.", error.getMessage());
            assertEquals(ClassCastException.class, error.getCause().getClass());
        }
    }

    @Test
    void shouldKeepStoreContentsAcrossRecordsAndExposeThemToTheDriver() {
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("last", () -> new ContextualProcessor<String, String, Void, Void>() {
                private KeyValueStore<String, String> store;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    super.init(context);
                    store = context.getStateStore("last");
                }

                @Override
                public void process(Record<String, String> record) {
                    store.put(record.key(), record.value());
                }
            }, "source")
            .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("last"), Serdes.String(),
                Serdes.String()).withLoggingDisabled(), "last");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, WALL_CLOCK_START)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeKeyValueList(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("a", "3")));
            KeyValueStore<String, String> store = driver.getKeyValueStore("last");
            assertEquals("3", store.get("a"));
            assertEquals(2, store.approximateNumEntries());
            assertTrue(driver.producedTopicNames().isEmpty(), "logging is disabled");
            assertEquals(List.of("last"), List.copyOf(driver.getAllStateStores().keySet()));
        }
    }

    @Test
    void shouldRefuseForwardFromInit() {
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("eager", () -> new ContextualProcessor<String, String, String, String>() {
                @Override
                public void init(ProcessorContext<String, String> context) {
                    context.forward(new Record<>("k", "v", 0L));
                }

                @Override
                public void process(Record<String, String> record) {
                }
            }, "source");
        StreamsException error = assertThrows(StreamsException.class,
            () -> new TopologyTestDriver(topology, WALL_CLOCK_START));
        assertTrue(error.getMessage().contains("forward() may be called only from Processor#process or a"
            + " punctuation"), error.getMessage());
    }

    @Test
    void shouldLetProcessorsReadButNotWriteAGlobalStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable("rates", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("rates-store"));
        List<String> seen = new ArrayList<>();
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    TimestampedKeyValueStore<String, String> rates = context().getStateStore("rates-store");
                    seen.add(ValueAndTimestamp.getValueOrNull(rates.get(record.value())));
                    seen.add(assertThrows(UnsupportedOperationException.class,
                        () -> rates.put(record.value(), ValueAndTimestamp.make("x", 0L))).getMessage());
                }
            });
        Properties props = new Properties();
        props.put("application.id", "global-read-only");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, WALL_CLOCK_START)) {
            driver.createInputTopic("rates", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("eur", "1.1");
            driver.createInputTopic("orders", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("o1", "eur");
            assertEquals(List.of("1.1", "Global store is read only"), seen);
            assertEquals("1.1", driver.<String, String>getKeyValueStore("rates-store").get("eur"),
                "the global thread's own updates still land");
        }
    }

    @Test
    void shouldShowAppConfigsAsKafkaDoesAndRecordsWithoutATimeGetTheSystemTime() {
        List<Object> seen = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("configs", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    seen.add(context().appConfigs().get("default.key.serde"));
                    seen.add(context().appConfigsWithPrefix("my.custom"));
                    seen.add(record.timestamp());
                }
            }, "source");
        Properties props = new Properties();
        props.put("application.id", "configs");
        props.put("default.key.serde", "dev.runnel.common.serialization.Serdes$StringSerde");
        props.put("my.custom", "whole");
        props.put("my.custom.sub", "part");
        long before = System.currentTimeMillis();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.EPOCH)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("k", "v");
        }
        assertEquals(Serdes.StringSerde.class, seen.get(0), "a class, even if given as its name");
        assertEquals(java.util.Map.of(".sub", "part"), seen.get(1), "a key equal to the prefix is left out");
        assertTrue((Long) seen.get(2) >= before, "no time given: the system time, not the driver's mock clock");
    }

    @Test
    void shouldRefuseStreamTimeToAGlobalStoreProcessor() {
        List<Object> seen = new ArrayList<>();
        Topology topology = new Topology().addGlobalStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("global"), Serdes.String(), Serdes.String()).withLoggingDisabled(),
            "global-source", Serdes.String().deserializer(), Serdes.String().deserializer(), "global-topic",
            "global-processor", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    seen.add(assertThrows(UnsupportedOperationException.class,
                        () -> context().currentStreamTimeMs()).getMessage());
                }
            });
        Properties props = new Properties();
        props.put("application.id", "global-time");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.EPOCH)) {
            driver.createInputTopic("global-topic", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("k", "v", 1_234L);
        }
        assertEquals(List.of("There is no concept of stream-time for a global processor."), seen);
    }

    @Test
    void shouldNotLetAProcessorCloseOrInitializeItsStore() {
        List<String> refused = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("closer", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    KeyValueStore<String, String> store = context().getStateStore("kept");
                    store.put(record.key(), record.value());
                    refused.add(assertThrows(UnsupportedOperationException.class, store::close).getMessage());
                    refused.add(assertThrows(UnsupportedOperationException.class,
                        () -> store.init(null, store)).getMessage());
                }
            }, "source")
            .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("kept"), Serdes.String(),
                Serdes.String()), "closer");
        Properties props = new Properties();
        props.put("application.id", "closer");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, WALL_CLOCK_START)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("k", "v");
            assertEquals(List.of("Store kept may not be closed by a processor; the runtime does that with its task",
                "Store kept may not be initialized by a processor; the runtime does that with its task"), refused);
            assertEquals("v", driver.<String, String>getKeyValueStore("kept").get("k"), "still open, still there");
        }
    }
}
