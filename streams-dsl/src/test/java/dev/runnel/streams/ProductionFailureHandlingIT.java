package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.consumer.Consumer;
import dev.runnel.clients.producer.Callback;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.Producer;
import dev.runnel.common.header.Header;
import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.ErrorHandlerContext;
import dev.runnel.streams.errors.ProcessingExceptionHandler;
import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.internal.runtime.DefaultKafkaClientSupplier;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.api.Record;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A send the producer fails, for which the production exception handler chooses FAIL, fails the task: a processing
 * exception handler that continues must not turn the production handler's FAIL into a skipped record (with a dead
 * letter queue record for each later record until the commit fails). Runnel's sink already keeps its serialization
 * FAIL from the processing handler; Kafka 4.3 hands a sink's pending send error to the handler of the processor above
 * it, and clears it, which this does not copy.
 */
class ProductionFailureHandlingIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** What the processing exception handler was handed, across the application's threads. */
    private static final List<String> HANDLED = new CopyOnWriteArrayList<>();

    @TempDir
    Path root;

    @Test
    void shouldNotHandAFailedSendToTheProcessingExceptionHandler() {
        HANDLED.clear();
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> value)
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = log.streamsProps("send-fails");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RecordingContinueHandler.class);
        // No commit during the test: the records after the failed send reach the sink before any flush.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Duration.ofHours(1).toMillis());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props, new FailingSendSupplier())) {
            streams.setUncaughtExceptionHandler(e -> {
                failure.set(e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("in", List.of(KeyValue.pair("a", "bad"), KeyValue.pair("b", "next")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
            EmbeddedLogFixture.await(() -> failure.get() != null || !HANDLED.isEmpty(), TIMEOUT,
                "the task to fail or the handler to be called");
        }
        assertEquals(List.of(), HANDLED, "the processing exception handler saw the production handler's FAIL");
    }

    /** A processing exception handler that records what it is handed and continues. */
    public static final class RecordingContinueHandler implements ProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            HANDLED.add(context.processorNodeId() + ": " + exception);
            return Response.resume();
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    /** The default clients, with a producer whose sends of the value "bad" fail, as a broker's refusal would. */
    private static final class FailingSendSupplier implements KafkaClientSupplier {
        private final KafkaClientSupplier delegate = new DefaultKafkaClientSupplier();

        @Override
        public Admin getAdmin(Map<String, Object> config) {
            return delegate.getAdmin(config);
        }

        @Override
        public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
            return delegate.getConsumer(config);
        }

        @Override
        public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
            return delegate.getRestoreConsumer(config);
        }

        @Override
        public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
            return delegate.getGlobalConsumer(config);
        }

        @Override
        public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
            return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()) {
                @Override
                public void sendSerializedWithCallbackOnly(String topic, Integer partition, long timestamp,
                    byte[] key, byte[] value, Header[] headers, Callback callback) {
                    if (value != null && "bad".equals(new String(value, StandardCharsets.UTF_8))) {
                        callback.onCompletion(null, new IllegalStateException("the log refused the record"));
                        return;
                    }
                    super.sendSerializedWithCallbackOnly(topic, partition, timestamp, key, value, headers, callback);
                }
            };
        }
    }
}
