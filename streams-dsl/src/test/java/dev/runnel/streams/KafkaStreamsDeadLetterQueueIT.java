package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.ErrorHandlerContext;
import dev.runnel.streams.errors.LogAndContinueExceptionHandler;
import dev.runnel.streams.errors.ProductionExceptionHandler;
import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.runnel.streams.errors.ExceptionHandlerUtils;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.FailingProcessorTopology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letter queues (KIP-1034) on a real log: the records a handler returns go through the task's producer (in its
 * transaction under exactly-once) before the task goes on or fails.
 */
class KafkaStreamsDeadLetterQueueIT {
    @TempDir
    Path root;

    /** Drops records that fail to serialize, sending their input to a topic of its choice. */
    public static final class CustomProductionHandler implements ProductionExceptionHandler {
        @Override
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord<?, ?> record,
            Exception exception, SerializationExceptionOrigin origin) {
            return Response.resume(List.of(new ProducerRecord<>("custom-dlq", context.sourceRawKey(),
                context.sourceRawValue())));
        }
    }

    /** Drops records the producer fails to send, sending the failed record itself to a topic of its choice. */
    public static final class ResendingProductionHandler implements ProductionExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
            return Response.resume(List.of(new ProducerRecord<>("custom-dlq", null, record.timestamp(), record.key(),
                utf8(exception.getClass().getSimpleName()), record.headers())));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readBytes(EmbeddedLogFixture log, String topic,
        boolean readCommitted) {
        return log.readAll(topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
            readCommitted);
    }

    private static List<String> readValues(EmbeddedLogFixture log, String topic, boolean readCommitted) {
        return log.readAll(topic, Serdes.String().deserializer(), Serdes.String().deserializer(), readCommitted)
            .stream().map(ConsumerRecord::value).toList();
    }

    private static ProducerRecord<byte[], byte[]> input(String topic, String key, byte[] value) {
        Headers headers = new RecordHeaders().add("h", utf8("v"));
        return new ProducerRecord<>(topic, null, 1_000L, utf8(key), value, headers);
    }

    /** Checks that the DLQ holds exactly the failed input record, with its header and Kafka's error headers. */
    private static void assertDeadLetter(List<ConsumerRecord<byte[], byte[]>> dead, String key, byte[] value,
        Class<?> exception, String topic, long offset) {
        assertEquals(1, dead.size(), dead.toString());
        ConsumerRecord<byte[], byte[]> record = dead.get(0);
        assertArrayEquals(utf8(key), record.key());
        assertArrayEquals(value, record.value());
        assertEquals(1_000L, record.timestamp());
        assertEquals("v", header(record.headers(), "h"));
        assertEquals(exception.getName(), header(record.headers(), ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME));
        assertTrue(header(record.headers(), ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME)
            .startsWith(exception.getName()));
        assertEquals(topic, header(record.headers(), ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME));
        assertEquals("0", header(record.headers(), ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME));
        assertEquals(String.valueOf(offset), header(record.headers(), ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME));
    }

    @Test
    void logAndContinueSendsAPoisonRecordInTheTransactionAndGoesOn() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("numbers", 1);
        log.createTopic("doubled", 1);
        log.createTopic("dlq", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("numbers", Consumed.with(Serdes.String(), Serdes.Long()))
            .mapValues(v -> v * 2)
            .to("doubled", Produced.with(Serdes.String(), Serdes.Long()));
        byte[] poison = {1, 2, 3};
        log.produce(List.of(input("numbers", "a", Serdes.Long().serializer().serialize("numbers", 1L)),
                input("numbers", "poison", poison),
                input("numbers", "b", Serdes.Long().serializer().serialize("numbers", 2L))),
            Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        Properties props = log.streamsProps("dlq-deserialization");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.await(() -> log.readAll("doubled", Serdes.String().deserializer(),
                Serdes.Long().deserializer(), true).size() == 2, Duration.ofSeconds(15), "2 committed outputs");
            EmbeddedLogFixture.await(() -> readBytes(log, "dlq", true).size() == 1, Duration.ofSeconds(15),
                "the committed dead letter");
            assertDeadLetter(readBytes(log, "dlq", true), "poison", poison, SerializationException.class, "numbers",
                1L);
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    @Test
    void logAndFailProcessingSendsTheFailedRecordThenStops() {
        assertSendsThePoisonToTheQueueThenStops("dlq-processing", FailingProcessorTopology.build("in", "out"),
            FailingProcessorTopology.POISON, IllegalStateException.class);
    }

    @Test
    void defaultProductionHandlerSendsARecordThatFailedToSerializeThenStops() {
        assertSendsThePoisonToTheQueueThenStops("dlq-serialization", failingSink(), "bad",
            SerializationException.class);
    }

    /**
     * Runs {@code topology} (in → out) with the dead letter queue "dlq" and a client that shuts down on an uncaught
     * exception, over the values "fine", {@code poison} and "after": the failing handler sends the poison record,
     * naming {@code exception}, to the queue, and the client stops in ERROR having written only "fine".
     */
    private void assertSendsThePoisonToTheQueueThenStops(String applicationId, Topology topology, String poison,
        Class<? extends Exception> exception) {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        log.createTopic("dlq", 1);
        Properties props = log.streamsProps(applicationId);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq");
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
            log.produce(List.of(input("in", "k", utf8("fine")), input("in", "k", utf8(poison)),
                input("in", "k", utf8("after"))), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
            streams.start();
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, Duration.ofSeconds(15),
                "the client shuts down into ERROR");
            assertDeadLetter(readBytes(log, "dlq", false), "k", utf8(poison), exception, "in", 1L);
            assertEquals(List.of("fine"), readValues(log, "out", false));
        }
    }

    @Test
    void aCustomHandlerSendsToItsOwnTopicInTheTransactionAndGoesOn() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        log.createTopic("custom-dlq", 1);
        Properties props = log.streamsProps("dlq-custom");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, CustomProductionHandler.class);
        try (KafkaStreams streams = new KafkaStreams(failingSink(), props)) {
            log.produce(List.of(input("in", "k", utf8("fine")), input("in", "k", utf8("bad")),
                input("in", "k", utf8("after"))), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
            streams.start();
            EmbeddedLogFixture.await(() -> readValues(log, "out", true).size() == 2, Duration.ofSeconds(15),
                "2 committed outputs");
            assertEquals(List.of("fine", "after"), readValues(log, "out", true));
            EmbeddedLogFixture.await(() -> readBytes(log, "custom-dlq", true).size() == 1, Duration.ofSeconds(15),
                "the committed dead letter");
            assertArrayEquals(utf8("bad"), readBytes(log, "custom-dlq", true).get(0).value());
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    @Test
    void recordsReturnedForAFailedSendAreWrittenBeforeTheCommit() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1, java.util.Map.of("max.message.bytes", "512"));
        log.createTopic("custom-dlq", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = log.streamsProps("dlq-send-error");
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ResendingProductionHandler.class);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            log.produce(List.of(input("in", "big", utf8("x".repeat(2_000)))), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
            streams.start();
            EmbeddedLogFixture.await(() -> readBytes(log, "custom-dlq", false).size() == 1, Duration.ofSeconds(15),
                "the dead letter of the failed send");
            ConsumerRecord<byte[], byte[]> dead = readBytes(log, "custom-dlq", false).get(0);
            assertArrayEquals(utf8("big"), dead.key());
            assertTrue(new String(dead.value(), StandardCharsets.UTF_8).contains("TooLarge"),
                new String(dead.value(), StandardCharsets.UTF_8));
            assertEquals("v", header(dead.headers(), "h"));
            log.produce(List.of(input("in", "k", utf8("after"))), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
            EmbeddedLogFixture.await(() -> readValues(log, "out", false).equals(List.of("after")),
                Duration.ofSeconds(15), "the next record");
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    /** in → out, written with a value serializer that fails on "bad". */
    private static Topology failingSink() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .to("out", Produced.with(Serdes.String(), Serdes.serdeFrom((topic, value) -> {
                if ("bad".equals(value)) {
                    throw new SerializationException("cannot serialize " + value);
                }
                return utf8(value);
            }, Serdes.String().deserializer())));
        return builder.build();
    }
}
