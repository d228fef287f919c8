package dev.runnel.streams.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.errors.LogAndContinueProcessingExceptionHandler;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.MockProcessorContext;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.processor.api.RecordMetadata;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What a processor sees through its context, checked against Kafka Streams 4.x's behaviour. */
class ProcessorContextContractTest {
    private static final Instant START = Instant.ofEpochMilli(1_000L);

    /** Records what it is given, as "name:value[headers]". */
    private static final class Recorder extends ContextualProcessor<String, String, Void, Void> {
        private final String name;
        private final List<String> seen;
        private final boolean addHeader;

        Recorder(String name, List<String> seen, boolean addHeader) {
            this.name = name;
            this.seen = seen;
            this.addHeader = addHeader;
        }

        @Override
        public void process(Record<String, String> record) {
            seen.add(name + ":" + record.value() + ":" + record.headers().toArray().length);
            if (addHeader) {
                record.headers().add(name, "x".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static Properties props(String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        return props;
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver driver) {
        return driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
    }

    @Test
    void shouldFailAForwardToAnUnknownChildAndLetTheProcessingHandlerSkipIt() {
        List<String> seen = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("router", () -> new ContextualProcessor<String, String, String, String>() {
                @Override
                public void process(Record<String, String> record) {
                    context().forward(record, record.value().equals("bad") ? "nowhere" : "known");
                }
            }, "source")
            .addProcessor("known", () -> new Recorder("known", seen, false), "router");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props("unknown-child"), START)) {
            StreamsException error = assertThrows(StreamsException.class, () -> input(driver).pipeInput("k", "bad"));
            assertTrue(error.getMessage().startsWith("Exception caught in process. taskId=0_0, processor=router,"),
                error.getMessage());
            assertEquals("Unknown downstream node: nowhere either does not exist or is not connected to this"
                + " processor.", error.getCause().getMessage());
        }
        // Kafka Streams hands every exception a processor throws, a StreamsException included, to the processing
        // exception handler; one that continues skips the record.
        Properties props = props("unknown-child-continue");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueProcessingExceptionHandler.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, START)) {
            input(driver).pipeInput("k", "bad");
            input(driver).pipeInput("k", "good");
        }
        assertEquals(List.of("known:good:0"), seen);
    }

    /**
     * As in Kafka Streams, a record may not have a negative timestamp: the record fails as malformed, and the cause
     * says why. A punctuation shorter than a millisecond is refused with Kafka's message, though the mock context of
     * the processor API, like Kafka's, captures it (Kafka's older mock refuses it too).
     */
    @Test
    void shouldRefuseANegativeTimestampAndAPunctuationShorterThanAMillisecondWithKafkasMessages() {
        Record<String, String> record = new Record<>("k", "v", 5L);
        for (Executable malformed : List.<Executable>of(() -> new Record<>("k", "v", -5L),
            () -> record.withTimestamp(-5L))) {
            StreamsException error = assertThrows(StreamsException.class, malformed);
            assertEquals("Malformed Record", error.getMessage());
            assertEquals(IllegalArgumentException.class, error.getCause().getClass());
            assertEquals("Timestamp may not be negative. Got: -5", error.getCause().getMessage());
        }
        MockProcessorContext<String, String> mock = new MockProcessorContext<>();
        mock.schedule(Duration.ZERO, PunctuationType.STREAM_TIME, timestamp -> { });
        assertEquals(Duration.ZERO, mock.scheduledPunctuators().get(0).getInterval());
        assertEquals("The minimum supported scheduling interval is 1 millisecond.", assertThrows(
            IllegalArgumentException.class, () -> new dev.runnel.streams.processor.MockProcessorContext().schedule(
                Duration.ZERO, PunctuationType.STREAM_TIME, timestamp -> { })).getMessage());
        List<String> refusals = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("scheduler", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    refusals.add(assertThrows(IllegalArgumentException.class, () -> context().schedule(
                        Duration.ofMillis(-1), PunctuationType.WALL_CLOCK_TIME, timestamp -> { })).getMessage());
                }
            }, "source");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props("short-punctuation"), START)) {
            input(driver).pipeInput("k", "v");
        }
        assertEquals(List.of("The minimum supported scheduling interval is 1 millisecond."), refusals);
    }

    @Test
    void shouldPrintAForwardTargetAsKafkaDoes() {
        assertEquals("To{childName='c', timestamp=-1}", To.child("c").toString());
        assertEquals("To{childName='null', timestamp=5}", To.all().withTimestamp(5).toString());
    }

    @Test
    void shouldHandAStreamsExceptionFromAPunctuatorToTheProcessingHandler() {
        List<String> seen = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("ticker", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    super.init(context);
                    context.schedule(Duration.ofMillis(10), PunctuationType.WALL_CLOCK_TIME, timestamp -> {
                        seen.add("tick@" + timestamp);
                        throw new StreamsException("punctuator failed");
                    });
                }

                @Override
                public void process(Record<String, String> record) {
                }
            }, "source");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props("punctuator-fails"), START)) {
            StreamsException error = assertThrows(StreamsException.class,
                () -> driver.advanceWallClockTime(Duration.ofMillis(10)));
            assertEquals("punctuator failed", error.getCause().getMessage());
            // As Kafka's, the message starts with the task's log prefix (its thread and task id) and names the node.
            assertEquals("stream-thread [" + Thread.currentThread().getName() + "] task [0_0] Exception caught while"
                + " punctuating processor 'ticker'", error.getMessage());
        }
        Properties props = props("punctuator-fails-continue");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueProcessingExceptionHandler.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, START)) {
            driver.advanceWallClockTime(Duration.ofMillis(10));
            driver.advanceWallClockTime(Duration.ofMillis(10));
        }
        assertEquals(List.of("tick@1010", "tick@1010", "tick@1020"), seen);
    }

    private static String causes(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }

    @Test
    void shouldShareOneRecordsHeadersBetweenTheChildrenItIsForwardedTo() {
        List<String> seen = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("fanout", () -> new ContextualProcessor<String, String, String, String>() {
                @Override
                public void process(Record<String, String> record) {
                    context().forward(record, "first");
                    context().forward(record, "second");
                    context().forward(record.withValue("copy"), "second");
                }
            }, "source")
            .addProcessor("first", () -> new Recorder("first", seen, true), "fanout")
            .addProcessor("second", () -> new Recorder("second", seen, false), "fanout");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props("shared-headers"), START)) {
            input(driver).pipeInput("k", "v");
        }
        // Forwarding does not copy: the header the first child added is on the record the second one gets.
        assertEquals(List.of("first:v:0", "second:v:1", "second:copy:1"), seen);
    }

    @Test
    void shouldShowTheTaskToInitAndAdvanceStreamTimeBeforeProcessing() {
        List<Object> seen = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("inspector", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    super.init(context);
                    seen.add(context.taskId());
                    seen.add(context.applicationId());
                    seen.add(context.appConfigs().get(StreamsConfig.APPLICATION_ID_CONFIG));
                    assertNotNull(context.stateDir());
                    // As in Kafka Streams 4.3, init runs in a record context of its own, of no record: no topic,
                    // partition and offset -1.
                    RecordMetadata metadata = context.recordMetadata().orElseThrow();
                    seen.add(metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset());
                }

                @Override
                public void process(Record<String, String> record) {
                    seen.add(context().currentStreamTimeMs());
                    seen.add(context().currentSystemTimeMs());
                    seen.add(assertThrows(IllegalArgumentException.class, () -> context().schedule(
                        Duration.ofNanos(999_999), PunctuationType.STREAM_TIME, timestamp -> { })) != null);
                }
            }, "source");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props("inspected"), START)) {
            input(driver).pipeInput("k", "v", 50L);
            driver.advanceWallClockTime(Duration.ofMillis(5));
            input(driver).pipeInput("k", "v", 20L);
        }
        assertEquals(List.of(new TaskId(0, 0), "inspected", "inspected", "null/-1/-1",
            50L, 1_000L, true, 50L, 1_005L, true), seen);
    }

    @Test
    void shouldConnectAStoreSharedByTwoSuppliersAndRefuseADifferentStoreOfTheSameName() {
        StoreBuilder<KeyValueStore<String, String>> shared = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("shared"), Serdes.String(), Serdes.String());
        List<String> seen = new ArrayList<>();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("writer", new StoreSupplier(shared, true, seen), "source")
            .addProcessor("reader", new StoreSupplier(shared, false, seen), "writer");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props("shared-store"), START)) {
            input(driver).pipeInput("k", "v");
        }
        assertEquals(List.of("v"), seen);
        StoreBuilder<KeyValueStore<String, String>> other = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("shared"), Serdes.String(), Serdes.String());
        Topology clash = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("writer", new StoreSupplier(shared, true, seen), "source");
        assertThrows(TopologyException.class,
            () -> clash.addProcessor("reader", new StoreSupplier(other, false, seen), "writer"));
    }

    /** A supplier whose processor writes or reads the one store it declares, and forwards what it got. */
    private record StoreSupplier(StoreBuilder<KeyValueStore<String, String>> store, boolean writes, List<String> seen)
        implements ProcessorSupplier<String, String, String, String> {
        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store);
        }

        @Override
        public Processor<String, String, String, String> get() {
            return new ContextualProcessor<>() {
                @Override
                public void process(Record<String, String> record) {
                    KeyValueStore<String, String> kv = context().getStateStore("shared");
                    if (writes) {
                        kv.put(record.key(), record.value());
                        context().forward(record);
                    } else {
                        seen.add(kv.get(record.key()));
                    }
                }
            };
        }
    }
}
