package dev.runnel.streams.errors;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.header.Headers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Builds dead letter queue records as Kafka Streams does (KIP-1034): the failed record's key and value as given, its
 * input headers, and error headers naming the exception and the input position. Header values are UTF-8 strings; a
 * missing one (no exception message, no input topic) is a header with a {@code null} value. (Kafka keeps this class in
 * {@code errors.internals}; here it sits beside the handlers, as the DSL's main code imports no {@code internals}.)
 */
public final class ExceptionHandlerUtils {
    /** Header with the exception's class name. */
    public static final String HEADER_ERRORS_EXCEPTION_NAME = "__streams.errors.exception";
    /** Header with the exception's stack trace. */
    public static final String HEADER_ERRORS_STACKTRACE_NAME = "__streams.errors.stacktrace";
    /** Header with the exception's message. */
    public static final String HEADER_ERRORS_EXCEPTION_MESSAGE_NAME = "__streams.errors.message";
    /** Header with the input record's topic. */
    public static final String HEADER_ERRORS_TOPIC_NAME = "__streams.errors.topic";
    /** Header with the input record's partition, in decimal. */
    public static final String HEADER_ERRORS_PARTITION_NAME = "__streams.errors.partition";
    /** Header with the input record's offset, in decimal. */
    public static final String HEADER_ERRORS_OFFSET_NAME = "__streams.errors.offset";

    private ExceptionHandlerUtils() {
    }

    /** Returns whether a dead letter queue topic is configured. */
    public static boolean shouldBuildDeadLetterQueueRecord(String deadLetterQueueTopicName) {
        return deadLetterQueueTopicName != null;
    }

    /**
     * Returns one dead letter queue record for the failure, or none if {@code deadLetterQueueTopicName} is
     * {@code null}.
     *
     * @param key the serialized key to put in the record
     * @param value the serialized value to put in the record
     * @param context where the failure happened
     * @param exception the failure
     */
    public static List<ProducerRecord<byte[], byte[]>> maybeBuildDeadLetterQueueRecords(
        String deadLetterQueueTopicName, byte[] key, byte[] value, ErrorHandlerContext context, Exception exception) {
        if (!shouldBuildDeadLetterQueueRecord(deadLetterQueueTopicName)) {
            return List.of();
        }
        return List.of(buildDeadLetterQueueRecord(deadLetterQueueTopicName, key, value, context, exception));
    }

    /**
     * Returns a dead letter queue record for the failure, timestamped with the input record's timestamp (none if that
     * is unknown).
     *
     * @param key the serialized key to put in the record
     * @param value the serialized value to put in the record
     * @param context where the failure happened
     * @param exception the failure
     */
    public static ProducerRecord<byte[], byte[]> buildDeadLetterQueueRecord(String deadLetterQueueTopicName,
        byte[] key, byte[] value, ErrorHandlerContext context, Exception exception) {
        Objects.requireNonNull(deadLetterQueueTopicName, "the dead letter queue topic name");
        Long timestamp = context.timestamp() >= 0 ? context.timestamp() : null;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterQueueTopicName, null, timestamp, key,
            value, context.headers());
        Headers headers = record.headers();
        headers.add(HEADER_ERRORS_EXCEPTION_NAME, utf8(exception.getClass().getName()));
        headers.add(HEADER_ERRORS_EXCEPTION_MESSAGE_NAME, utf8(exception.getMessage()));
        headers.add(HEADER_ERRORS_STACKTRACE_NAME, utf8(stackTrace(exception)));
        headers.add(HEADER_ERRORS_TOPIC_NAME, utf8(context.topic()));
        headers.add(HEADER_ERRORS_PARTITION_NAME, utf8(String.valueOf(context.partition())));
        headers.add(HEADER_ERRORS_OFFSET_NAME, utf8(String.valueOf(context.offset())));
        return record;
    }

    private static String stackTrace(Exception exception) {
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
