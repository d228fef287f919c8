package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.ErrorHandlerContext;
import dev.runnel.streams.errors.ProcessingExceptionHandler;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of global store processors (KIP-1270): by default they end the global thread and the client; with
 * {@code processing.exception.handler.global.enabled} they go to the processing exception handler, which may skip them.
 */
class GlobalProcessingExceptionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** What the handlers were asked about, as "node:key". */
    private static final List<String> HANDLED = new CopyOnWriteArrayList<>();

    @TempDir
    Path root;

    private EmbeddedLogFixture log;

    /** Skips the record and asks for a dead letter queue record, which the global thread cannot send. */
    public static final class ResumingHandler implements ProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            HANDLED.add(context.processorNodeId() + ":" + record.key());
            return Response.resume(List.of(new ProducerRecord<>("dead-letters", null,
                String.valueOf(record.key()).getBytes(StandardCharsets.UTF_8))));
        }
    }

    /** Fails the task. */
    public static final class FailingHandler implements ProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            HANDLED.add(context.processorNodeId() + ":" + record.key());
            return Response.fail();
        }
    }

    @BeforeEach
    void setUp() {
        HANDLED.clear();
        log = new EmbeddedLogFixture(root);
        log.createTopic("config", 1);
        log.createTopic("unused", 1);
    }

    private void produceConfig(String... keysAndValues) {
        log.produceStrings("config", 1_000L, keysAndValues);
    }

    /** A global store whose processor throws on the value "poison" and stores the others. */
    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("config-store"),
                Serdes.String(), Serdes.String()).withLoggingDisabled(), "config",
            Consumed.with(Serdes.String(), Serdes.String()).withName("config-source"),
            () -> new Processor<String, String, Void, Void>() {
                private KeyValueStore<String, String> store;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    store = context.getStateStore("config-store");
                }

                @Override
                public void process(Record<String, String> record) {
                    if (record.value().equals("poison")) {
                        throw new IllegalStateException("cannot apply " + record.key());
                    }
                    store.put(record.key(), record.value());
                }
            });
        builder.stream("unused", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> { });
        return builder.build();
    }

    private Properties props(String applicationId, Class<?> handler, boolean globalHandled) {
        Properties props = log.streamsProps(applicationId);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, handler.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, globalHandled);
        return props;
    }

    private static ReadOnlyKeyValueStore<String, String> store(KafkaStreams streams) {
        return streams.store(StoreQueryParameters.fromNameAndType("config-store", QueryableStoreTypes.keyValueStore()));
    }

    @Test
    void enabledHandlerSkipsFailedRecordsWhileRestoringAndRunning() {
        produceConfig("a", "1", "b", "poison", "c", "3");
        try (KafkaStreams streams = new KafkaStreams(topology(), props("global-skip", ResumingHandler.class, true))) {
            streams.start();
            ReadOnlyKeyValueStore<String, String> store = store(streams);
            assertEquals("1", store.get("a"));
            assertEquals(null, store.get("b"), "the failed record was skipped");
            assertEquals("3", store.get("c"), "the record after it was applied while restoring");

            produceConfig("d", "poison", "e", "5");
            EmbeddedLogFixture.await(() -> "5".equals(store.get("e")), TIMEOUT, "the record after a skipped one");
            // The global thread may apply it before the stream thread has its tasks: the client must get to RUNNING.
            EmbeddedLogFixture.awaitRunning(streams);
            assertEquals(null, store.get("d"));
            assertEquals(2, HANDLED.size(), "asked once per failed record: " + HANDLED);
            assertTrue(HANDLED.get(0).endsWith(":b") && HANDLED.get(1).endsWith(":d"), HANDLED.toString());
        }
    }

    @Test
    void withoutTheSwitchAFailureEndsTheClientAndTheHandlerIsNotAsked() {
        produceConfig("a", "1");
        try (KafkaStreams streams = new KafkaStreams(topology(), props("global-fail", ResumingHandler.class, false))) {
            streams.start();
            assertEquals("1", store(streams).get("a"));
            produceConfig("b", "poison");
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT,
                "the client to fail with its global thread (is " + streams.state() + ")");
            assertEquals(List.of(), HANDLED, "processing.exception.handler.global.enabled is off by default");
        }
    }

    @Test
    void enabledHandlerThatFailsEndsTheClient() {
        produceConfig("a", "1");
        try (KafkaStreams streams = new KafkaStreams(topology(), props("global-handler-fails", FailingHandler.class,
            true))) {
            streams.start();
            produceConfig("b", "poison");
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT,
                "the client to fail (is " + streams.state() + ")");
            assertEquals(1, HANDLED.size(), HANDLED.toString());
        }
    }
}
