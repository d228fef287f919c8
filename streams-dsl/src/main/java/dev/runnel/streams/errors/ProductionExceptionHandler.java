package dev.runnel.streams.errors;

import dev.runnel.clients.producer.ProducerRecord;
import java.util.Map;

/**
 * Decides what happens to an output record that cannot be serialized or produced. Set with
 * {@code production.exception.handler} (or {@code default.production.exception.handler}). A dropped record is
 * counted. Implementations need a public no-argument constructor.
 */
public interface ProductionExceptionHandler {
    /** Returns whether to drop the record, fail the task, or retry, after the producer failed to send it. */
    ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
        Exception exception);

    /**
     * Returns whether to drop the record or fail the task after its key or value failed to serialize; the default
     * fails.
     */
    default ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
        ProducerRecord<?, ?> record, Exception exception, SerializationExceptionOrigin origin) {
        return ProductionExceptionHandlerResponse.FAIL;
    }

    /** Receives the application configs once, after construction. */
    default void configure(Map<String, ?> configs) {
    }

    /** The handler's decision. */
    enum ProductionExceptionHandlerResponse {
        /** Drop the record and go on. */
        CONTINUE,
        /** Fail the task. */
        FAIL,
        /** Send the record again (for retriable send errors only). */
        RETRY
    }

    /** Which part of the record failed to serialize. */
    enum SerializationExceptionOrigin {
        /** The key serializer threw. */
        KEY,
        /** The value serializer threw. */
        VALUE
    }
}
