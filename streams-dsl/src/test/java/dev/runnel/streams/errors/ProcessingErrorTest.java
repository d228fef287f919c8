package dev.runnel.streams.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A processor that throws goes to the configured processing exception handler (KIP-1033). */
class ProcessingErrorTest {
    /** Records where it was called, and skips. */
    public static final class RecordingHandler implements ProcessingExceptionHandler {
        static final List<String> CALLS = new ArrayList<>();

        @Override
        public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            CALLS.add(context.processorNodeId() + "@" + context.offset() + ":" + (record == null ? null
                : record.value()) + ":" + exception.getMessage());
            return ProcessingHandlerResponse.CONTINUE;
        }
    }

    private static Properties handler(Class<? extends ProcessingExceptionHandler> type) {
        Properties props = stringSerdes();
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, type);
        return props;
    }

    private static Properties stringSerdes() {
        Properties props = new Properties();
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return props;
    }

    /** input → checked (throws on "bad") → "checked"; and input → "all", a sibling that never fails. */
    private static TopologyTestDriver driver(Properties props) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> input = builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()));
        input.mapValues(value -> {
            if (value.equals("bad")) {
                throw new IllegalArgumentException("cannot check " + value);
            }
            return value.toUpperCase();
        }, Named.as("checker")).to("checked");
        input.to("all");
        return new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(0));
    }

    private static List<KeyValue<String, String>> output(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.String().deserializer())
            .readKeyValuesToList();
    }

    @Test
    void shouldSkipTheRecordOnlyAtTheFailedProcessorAndCountItWithLogAndContinue() {
        try (TopologyTestDriver driver = driver(handler(LogAndContinueProcessingExceptionHandler.class))) {
            TestInputTopic<String, String> input = driver.createInputTopic("input", Serdes.String().serializer(),
                Serdes.String().serializer());
            input.pipeInput("a", "ok");
            input.pipeInput("b", "bad");
            input.pipeInput("c", "fine");
            assertEquals(List.of(KeyValue.pair("a", "OK"), KeyValue.pair("c", "FINE")), output(driver, "checked"));
            assertEquals(List.of(KeyValue.pair("a", "ok"), KeyValue.pair("b", "bad"), KeyValue.pair("c", "fine")),
                output(driver, "all"), "the failed processor's sibling still gets the record");
            assertEquals(1, driver.droppedRecordsTotal());
        }
    }

    /**
     * A processor that fails on a record a cached count forwards when its cache is flushed, at the commit after each
     * piped record, fails the task as in Kafka Streams: with a ProcessorStateException naming the flushed store, whose
     * cause is the processor's own exception, a StreamsException included.
     */
    @Test
    void shouldWrapAFailureDuringACacheFlushInAProcessorStateException() {
        for (RuntimeException failure : List.of(new IllegalStateException("boom"), new StreamsException("boom"))) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())).groupByKey().count()
                .toStream().mapValues(count -> {
                    if (count > 1) {
                        throw failure;
                    }
                    return String.valueOf(count);
                }).to("counts");
            try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringSerdes())) {
                TestInputTopic<String, String> input = driver.createInputTopic("input",
                    Serdes.String().serializer(), Serdes.String().serializer());
                input.pipeInput("a", "x");
                ProcessorStateException error = assertThrows(ProcessorStateException.class,
                    () -> input.pipeInput("a", "y"));
                // As Kafka's, the message starts with the task's log prefix: its thread and task id.
                String prefix = "stream-thread [" + Thread.currentThread().getName() + "] task [0_0] ";
                assertEquals(prefix + "Failed to flush cache of store KSTREAM-AGGREGATE-STATE-STORE-0000000001",
                    error.getMessage());
                assertEquals(failure, error.getCause());
            }
        }
    }

    @Test
    void shouldFailTheTaskByDefaultNamingTheProcessorAndTheInputPosition() {
        try (TopologyTestDriver driver = driver(stringSerdes())) {
            TestInputTopic<String, String> input = driver.createInputTopic("input", Serdes.String().serializer(),
                Serdes.String().serializer());
            input.pipeInput("a", "ok");
            StreamsException error = assertThrows(StreamsException.class, () -> input.pipeInput("b", "bad"));
            assertTrue(error.getMessage().contains("processor=checker, topic=input, partition=0, offset=1"),
                error.getMessage());
            assertTrue(error.getCause() instanceof IllegalArgumentException, String.valueOf(error.getCause()));
            assertEquals(0, driver.droppedRecordsTotal());
        }
    }

    @Test
    void shouldGiveTheHandlerTheFailedProcessorTheRecordAndPunctuationFailures() {
        RecordingHandler.CALLS.clear();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new ContextualProcessor<String, String, String, String>() {
                @Override
                public void init(ProcessorContext<String, String> context) {
                    super.init(context);
                    context.schedule(Duration.ofMillis(10), PunctuationType.WALL_CLOCK_TIME, time -> {
                        throw new IllegalStateException("punctuation failed");
                    });
                }

                @Override
                public void process(Record<String, String> record) {
                    throw new IllegalStateException("process failed");
                }
            }, Named.as("failing"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), handler(RecordingHandler.class),
            Instant.ofEpochMilli(0))) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("a", "v1");
            driver.advanceWallClockTime(Duration.ofMillis(10));
            assertEquals(List.of("failing@0:v1:process failed", "failing@-1:null:punctuation failed"),
                RecordingHandler.CALLS);
        }
    }

    /**
     * A global store's processor that throws goes to the processing handler only if
     * processing.exception.handler.global.enabled (KIP-1270); by default it fails, on the driver as in Kafka's.
     */
    @Test
    void shouldPassGlobalProcessorFailuresToTheHandlerOnlyIfEnabled() {
        for (boolean enabled : new boolean[] {false, true}) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("global-store"),
                Serdes.String(), Serdes.String()).withLoggingDisabled(), "global",
                Consumed.with(Serdes.String(), Serdes.String()), () -> new ContextualProcessor<String, String, Void,
                    Void>() {
                    @Override
                    public void process(Record<String, String> record) {
                        if (record.value().equals("bad")) {
                            throw new IllegalArgumentException("cannot store " + record.value());
                        }
                        context().<KeyValueStore<String, String>>getStateStore("global-store")
                            .put(record.key(), record.value());
                    }
                });
            Properties props = handler(LogAndContinueProcessingExceptionHandler.class);
            props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, enabled);
            try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
                TestInputTopic<String, String> input = driver.createInputTopic("global", Serdes.String().serializer(),
                    Serdes.String().serializer());
                if (enabled) {
                    input.pipeInput("b", "bad"); // skipped by the handler
                } else {
                    // Not skipped: the failure reaches the test (Kafka's driver throws it unwrapped, Runnel's as the
                    // cause of a StreamsException, as a stream task's).
                    assertThrows(RuntimeException.class, () -> input.pipeInput("b", "bad"));
                }
                input.pipeInput("c", "fine");
                assertEquals("fine", driver.<String, String>getKeyValueStore("global-store").get("c"));
            }
        }
    }
}
