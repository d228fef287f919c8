package dev.runnel.streams.errors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Dead letter queues (KIP-1034) on the test driver: with {@code errors.dead.letter.queue.topic.name} set, the built-in
 * handlers send the failed input record with error headers before going on or failing; custom handlers send what
 * they return; handlers written against the old methods still decide as before and send nothing.
 */
class DeadLetterQueueTest {
    static final String DLQ = "dlq";
    private static final byte[] ONE = {0, 0, 0, 1};
    private static final byte[] BAD = {0, 0, 7};
    private static final byte[] THREE = {0, 0, 0, 3};

    /** The old-style deserialization handler: skips through {@code handle}. */
    @SuppressWarnings("deprecation")
    public static final class OldStyleDeserializationHandler implements DeserializationExceptionHandler {
        @Override
        public DeserializationHandlerResponse handle(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
            return DeserializationHandlerResponse.CONTINUE;
        }
    }

    /** The old-style production handler: drops records that fail to serialize. */
    @SuppressWarnings("deprecation")
    public static final class OldStyleProductionHandler implements ProductionExceptionHandler {
        @Override
        public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
            ProducerRecord<?, ?> record, Exception exception, SerializationExceptionOrigin origin) {
            return ProductionExceptionHandlerResponse.CONTINUE;
        }
    }

    /** Resumes and sends its own record, naming the failed processor, to a topic of its choice. */
    public static final class CustomProcessingHandler implements ProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            return Response.resume(List.of(new ProducerRecord<>("custom-dlq", context.sourceRawKey(),
                utf8(context.processorNodeId() + ":" + record.value()))));
        }
    }

    /** Drops records that fail to serialize, sending their input to a topic of its choice. */
    public static final class CustomProductionHandler implements ProductionExceptionHandler {
        @Override
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord<?, ?> record,
            Exception exception, SerializationExceptionOrigin origin) {
            return Response.resume(List.of(new ProducerRecord<>("custom-dlq", context.sourceRawKey(),
                context.sourceRawValue())));
        }
    }

    /** A string serializer that fails on "bad". */
    public static final class FailingSerializer implements Serializer<String> {
        @Override
        public byte[] serialize(String topic, String data) {
            if ("bad".equals(data)) {
                throw new SerializationException("cannot serialize " + data);
            }
            return utf8(data);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Checks the Kafka error headers, and that the input header was kept. */
    static void assertErrorHeaders(Headers headers, Class<?> exception, String message, String topic, int partition,
        long offset) {
        assertEquals(exception.getName(), header(headers, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME));
        assertEquals(message, header(headers, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME));
        String trace = header(headers, ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME);
        assertTrue(trace.startsWith(exception.getName() + ": " + message) && trace.contains("\tat "), trace);
        assertEquals(topic, header(headers, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME));
        assertEquals(String.valueOf(partition), header(headers, ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME));
        assertEquals(String.valueOf(offset), header(headers, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME));
        assertEquals("v", header(headers, "h"));
    }

    private static Properties props(String handlerKey, Class<?> handler, boolean dlq) {
        Properties props = new Properties();
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        if (handler != null) {
            props.put(handlerKey, handler);
        }
        if (dlq) {
            props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DLQ);
        }
        return props;
    }

    /** input (integers) → ×10 → output. */
    private static TopologyTestDriver integers(Properties props) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.Integer()))
            .mapValues(v -> v * 10)
            .to("output", Produced.with(Serdes.String(), Serdes.Integer()));
        return new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(0));
    }

    /** input → upper case (throws on "bad") → output. */
    private static TopologyTestDriver processing(Properties props) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("input")
            .mapValues(v -> {
                if (v.equals("bad")) {
                    throw new IllegalArgumentException("cannot process " + v);
                }
                return v.toUpperCase(java.util.Locale.ROOT);
            })
            .to("output");
        return new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(0));
    }

    /** input → output, written with a serializer that fails on "bad". */
    private static TopologyTestDriver serialization(Properties props) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("input")
            .to("output", Produced.with(Serdes.String(), Serdes.serdeFrom(new FailingSerializer(),
                Serdes.String().deserializer())));
        return new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(0));
    }

    private static Headers inputHeaders() {
        return new RecordHeaders().add("h", utf8("v"));
    }

    private static void pipeBytes(TopologyTestDriver driver, String key, byte[] value, long timestamp) {
        driver.createInputTopic("input", Serdes.String().serializer(), Serdes.ByteArray().serializer())
            .pipeInput(new TestRecord<>(key, value, inputHeaders(), timestamp));
    }

    private static void pipe(TopologyTestDriver driver, String key, String value, long timestamp) {
        TestInputTopic<String, String> input = driver.createInputTopic("input", Serdes.String().serializer(),
            Serdes.String().serializer());
        input.pipeInput(new TestRecord<>(key, value, inputHeaders(), timestamp));
    }

    static List<TestRecord<byte[], byte[]>> read(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
            .readRecordsToList();
    }

    private static List<KeyValue<String, String>> strings(TopologyTestDriver driver) {
        return driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.String().deserializer())
            .readKeyValuesToList();
    }

    @Test
    void logAndContinueSendsTheRawRecordThatFailedToDeserializeAndGoesOn() {
        try (TopologyTestDriver driver = integers(props(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueExceptionHandler.class, true))) {
            pipeBytes(driver, "a", ONE, 10L);
            pipeBytes(driver, "b", BAD, 20L);
            pipeBytes(driver, "c", THREE, 30L);
            assertEquals(List.of(KeyValue.pair("a", 10), KeyValue.pair("c", 30)), driver.createOutputTopic("output",
                Serdes.String().deserializer(), Serdes.Integer().deserializer()).readKeyValuesToList());
            List<TestRecord<byte[], byte[]>> dead = read(driver, DLQ);
            assertEquals(1, dead.size());
            assertArrayEquals(utf8("b"), dead.get(0).key());
            assertArrayEquals(BAD, dead.get(0).value());
            assertEquals(20L, dead.get(0).timestamp());
            assertErrorHeaders(dead.get(0).headers(), SerializationException.class,
                "Size of data received by IntegerDeserializer is not 4: got 3 bytes from topic 'input'", "input", 0,
                1L);
            assertEquals(1, driver.droppedRecordsTotal());
        }
    }

    @Test
    void logAndFailSendsTheRawRecordThenFails() {
        try (TopologyTestDriver driver = integers(props(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            null, true))) {
            pipeBytes(driver, "a", ONE, 10L);
            assertThrows(StreamsException.class, () -> pipeBytes(driver, "b", BAD, 20L));
            // As Kafka's driver does, it outputs what a failed input sent once the next input is processed.
            assertEquals(List.of(), read(driver, DLQ));
            pipeBytes(driver, "c", ONE, 30L);
            List<TestRecord<byte[], byte[]>> dead = read(driver, DLQ);
            assertEquals(1, dead.size());
            assertArrayEquals(BAD, dead.get(0).value());
            assertEquals("1", header(dead.get(0).headers(), ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME));
        }
    }

    @Test
    void builtInHandlersSendNothingWithoutTheConfig() {
        try (TopologyTestDriver driver = integers(props(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueExceptionHandler.class, false))) {
            pipeBytes(driver, "b", BAD, 20L);
            assertEquals(List.of(), read(driver, DLQ));
            assertEquals(1, driver.droppedRecordsTotal());
        }
    }

    @Test
    void logAndContinueProcessingSendsTheRawInputRecordAndGoesOn() {
        try (TopologyTestDriver driver = processing(props(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueProcessingExceptionHandler.class, true))) {
            pipe(driver, "a", "fine", 10L);
            pipe(driver, "b", "bad", 20L);
            pipe(driver, "c", "also fine", 30L);
            assertEquals(List.of(KeyValue.pair("a", "FINE"), KeyValue.pair("c", "ALSO FINE")), strings(driver));
            List<TestRecord<byte[], byte[]>> dead = read(driver, DLQ);
            assertEquals(1, dead.size());
            assertArrayEquals(utf8("b"), dead.get(0).key());
            assertArrayEquals(utf8("bad"), dead.get(0).value());
            assertEquals(20L, dead.get(0).timestamp());
            assertErrorHeaders(dead.get(0).headers(), IllegalArgumentException.class, "cannot process bad", "input", 0,
                1L);
        }
    }

    @Test
    void logAndFailProcessingSendsTheRawInputRecordThenFails() {
        try (TopologyTestDriver driver = processing(props(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            null, true))) {
            assertThrows(StreamsException.class, () -> pipe(driver, "b", "bad", 20L));
            assertEquals(List.of(), read(driver, DLQ));
            driver.advanceWallClockTime(Duration.ZERO);
            List<TestRecord<byte[], byte[]>> dead = read(driver, DLQ);
            assertEquals(1, dead.size());
            assertArrayEquals(utf8("bad"), dead.get(0).value());
            assertErrorHeaders(dead.get(0).headers(), IllegalArgumentException.class, "cannot process bad", "input", 0,
                0L);
        }
    }

    @Test
    void defaultProductionHandlerSendsTheRawInputOfARecordThatFailedToSerializeThenFails() {
        try (TopologyTestDriver driver = serialization(props(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            null, true))) {
            pipe(driver, "a", "fine", 10L);
            StreamsException error = assertThrows(StreamsException.class, () -> pipe(driver, "b", "bad", 20L));
            assertTrue(error.getMessage().contains("The production exception handler chose FAIL"), error.getMessage());
            assertEquals(List.of(KeyValue.pair("a", "fine")), strings(driver));
            assertEquals(List.of(), read(driver, DLQ));
            pipe(driver, "c", "fine", 30L);
            assertEquals(List.of(KeyValue.pair("c", "fine")), strings(driver));
            List<TestRecord<byte[], byte[]>> dead = read(driver, DLQ);
            assertEquals(1, dead.size());
            assertArrayEquals(utf8("b"), dead.get(0).key());
            assertArrayEquals(utf8("bad"), dead.get(0).value());
            assertErrorHeaders(dead.get(0).headers(), SerializationException.class, "cannot serialize bad", "input", 0,
                1L);
        }
    }

    @Test
    void customHandlersSendTheirOwnRecordsToTheirOwnTopicAndResume() {
        Properties props = props(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            CustomProcessingHandler.class, false);
        try (TopologyTestDriver driver = processing(props)) {
            pipe(driver, "b", "bad", 20L);
            pipe(driver, "c", "fine", 30L);
            assertEquals(List.of(KeyValue.pair("c", "FINE")), strings(driver));
            List<TestRecord<byte[], byte[]>> dead = read(driver, "custom-dlq");
            assertEquals(1, dead.size());
            assertArrayEquals(utf8("b"), dead.get(0).key());
            assertEquals("KSTREAM-MAPVALUES-0000000001:bad", new String(dead.get(0).value(), StandardCharsets.UTF_8));
            assertNull(dead.get(0).headers().lastHeader(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME));
        }
        props = props(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, CustomProductionHandler.class, true);
        try (TopologyTestDriver driver = serialization(props)) {
            pipe(driver, "b", "bad", 20L);
            pipe(driver, "c", "fine", 30L);
            assertEquals(List.of(KeyValue.pair("c", "fine")), strings(driver));
            List<TestRecord<byte[], byte[]>> dead = read(driver, "custom-dlq");
            assertEquals(1, dead.size());
            assertArrayEquals(utf8("bad"), dead.get(0).value());
            // The configured topic is for the built-in handlers only.
            assertEquals(List.of(), read(driver, DLQ));
            assertEquals(1, driver.droppedRecordsTotal());
        }
    }

    @Test
    void oldStyleHandlersStillDecideAndSendNothing() {
        try (TopologyTestDriver driver = integers(props(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            OldStyleDeserializationHandler.class, true))) {
            pipeBytes(driver, "b", BAD, 20L);
            pipeBytes(driver, "c", THREE, 30L);
            assertEquals(List.of(KeyValue.pair("c", 30)), driver.createOutputTopic("output",
                Serdes.String().deserializer(), Serdes.Integer().deserializer()).readKeyValuesToList());
            assertEquals(List.of(), read(driver, DLQ));
            assertEquals(1, driver.droppedRecordsTotal());
        }
        try (TopologyTestDriver driver = serialization(props(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            OldStyleProductionHandler.class, true))) {
            pipe(driver, "b", "bad", 20L);
            pipe(driver, "c", "fine", 30L);
            assertEquals(List.of(KeyValue.pair("c", "fine")), strings(driver));
            assertEquals(List.of(), read(driver, DLQ));
            assertEquals(1, driver.droppedRecordsTotal());
        }
    }

    @Test
    void responsesDefaultToNoDeadLetterQueueRecords() {
        assertEquals(List.of(), DeserializationExceptionHandler.Response.resume(null).deadLetterQueueRecords());
        assertEquals(ProductionExceptionHandler.Result.RETRY, ProductionExceptionHandler.Response.retry().result());
        assertEquals(List.of(), ProcessingExceptionHandler.Response.fail().deadLetterQueueRecords());
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("t", null, new byte[0]);
        List<ProducerRecord<byte[], byte[]>> records = new java.util.ArrayList<>(List.of(record));
        ProcessingExceptionHandler.Response response = ProcessingExceptionHandler.Response.resume(records);
        records.clear();
        assertEquals(List.of(record), response.deadLetterQueueRecords());
        assertThrows(UnsupportedOperationException.class, () -> response.deadLetterQueueRecords().clear());
    }
}
