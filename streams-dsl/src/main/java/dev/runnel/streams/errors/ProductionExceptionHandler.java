package dev.runnel.streams.errors;

import dev.runnel.clients.producer.ProducerRecord;
import java.util.List;
import java.util.Map;

/**
 * Decides what happens to an output record that cannot be serialized or produced. Set with
 * {@code production.exception.handler} (or {@code default.production.exception.handler}). A dropped record is
 * counted. The {@link Response} may carry dead letter queue records (KIP-1034), which the task sends before it resumes
 * or fails. Implementations need a public no-argument constructor.
 */
public interface ProductionExceptionHandler {
    /**
     * Returns whether to drop the record, fail the task, or retry, after the producer failed to send it.
     *
     * @deprecated since Kafka 3.9; implement {@link #handleError} instead. Only called by the default
     *     {@link #handle(ErrorHandlerContext, ProducerRecord, Exception)}; this default throws
     *     {@link UnsupportedOperationException}.
     */
    @Deprecated
    default ProductionExceptionHandlerResponse handle(ProducerRecord<byte[], byte[]> record, Exception exception) {
        throw new UnsupportedOperationException();
    }

    /**
     * Returns whether to drop the record, fail the task, or retry, after the producer failed to send it. The default
     * asks {@link #handle(ProducerRecord, Exception)}.
     *
     * @deprecated since Kafka 4.1; implement {@link #handleError} instead. Only called by its default implementation.
     */
    @Deprecated
    default ProductionExceptionHandlerResponse handle(ErrorHandlerContext context,
        ProducerRecord<byte[], byte[]> record, Exception exception) {
        return handle(record, exception);
    }

    /**
     * Returns whether to drop the record, fail the task, or retry, after the producer failed to send it, and which
     * records to send to a dead letter queue. The default asks {@link #handle} and sends nothing.
     *
     * @param context the task and sending node (the input position is no longer known)
     * @param record the record that failed to send
     * @param exception what the producer reported
     */
    @SuppressWarnings("deprecation")
    default Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
        Exception exception) {
        return new Response(Result.from(handle(context, record, exception)), List.of());
    }

    /**
     * Returns whether to drop the record or fail the task after its key or value failed to serialize; the default
     * fails.
     *
     * @deprecated since Kafka 3.9; implement {@link #handleSerializationError} instead. Only called by the default
     *     {@link #handleSerializationException(ErrorHandlerContext, ProducerRecord, Exception,
     *     SerializationExceptionOrigin)}.
     */
    @Deprecated
    default ProductionExceptionHandlerResponse handleSerializationException(ProducerRecord<?, ?> record,
        Exception exception) {
        return ProductionExceptionHandlerResponse.FAIL;
    }

    /**
     * Returns whether to drop the record or fail the task after its key or value failed to serialize; the default
     * asks {@link #handleSerializationException(ProducerRecord, Exception)}.
     *
     * @deprecated since Kafka 4.1; implement {@link #handleSerializationError} instead. Only called by its default
     *     implementation.
     */
    @Deprecated
    default ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
        ProducerRecord<?, ?> record, Exception exception, SerializationExceptionOrigin origin) {
        return handleSerializationException(record, exception);
    }

    /**
     * Returns whether to drop the record or fail the task after its key or value failed to serialize, and which
     * records to send to a dead letter queue (RETRY counts as FAIL here). The default asks
     * {@link #handleSerializationException} and sends nothing.
     *
     * @param context where the input record was and which sink failed
     * @param record the record that failed to serialize
     * @param exception what the serializer threw
     * @param origin whether the key or the value failed
     */
    @SuppressWarnings("deprecation")
    default Response handleSerializationError(ErrorHandlerContext context, ProducerRecord<?, ?> record,
        Exception exception, SerializationExceptionOrigin origin) {
        return new Response(Result.from(handleSerializationException(context, record, exception, origin)), List.of());
    }

    /** Receives the application configs once, after construction. */
    default void configure(Map<String, ?> configs) {
    }

    /**
     * The handler's decision.
     *
     * @deprecated since Kafka 4.1; use {@link Result} in a {@link Response}.
     */
    @Deprecated
    enum ProductionExceptionHandlerResponse {
        /** Drop the record and go on. */
        CONTINUE,
        /** Fail the task. */
        FAIL,
        /** Send the record again (for retriable send errors only). */
        RETRY
    }

    /** Whether to go on after the failed record. */
    enum Result {
        /** Drop the record and go on. */
        RESUME(0, "RESUME"),
        /** Fail the task. */
        FAIL(1, "FAIL"),
        /** Send the record again (for retriable send errors only; otherwise the same as FAIL). */
        RETRY(2, "RETRY");

        /** The permanent name of the result. */
        public final String name;
        /** The permanent id of the result. */
        public final int id;

        Result(int id, String name) {
            this.id = id;
            this.name = name;
        }

        /** Returns the result meaning the same as an old-style response. */
        @SuppressWarnings("deprecation")
        static Result from(ProductionExceptionHandlerResponse response) {
            return switch (response) {
                case CONTINUE -> RESUME;
                case RETRY -> RETRY;
                case FAIL -> FAIL;
            };
        }
    }

    /** Which part of the record failed to serialize. */
    enum SerializationExceptionOrigin {
        /** The key serializer threw. */
        KEY,
        /** The value serializer threw. */
        VALUE
    }

    /** A {@link Result} and the records to send to a dead letter queue first. */
    final class Response extends HandlerResponse<Result> {
        private Response(Result result, List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords) {
            super(result, deadLetterQueueRecords);
        }

        /** Returns a response that fails the task and sends nothing. */
        public static Response fail() {
            return fail(null);
        }

        /**
         * Returns a response that fails the task after sending {@code deadLetterQueueRecords}.
         *
         * @param deadLetterQueueRecords the records to send; may be {@code null}
         */
        public static Response fail(List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords) {
            return new Response(Result.FAIL, deadLetterQueueRecords);
        }

        /** Returns a response that drops the record and sends nothing. */
        public static Response resume() {
            return resume(null);
        }

        /**
         * Returns a response that drops the record after sending {@code deadLetterQueueRecords}.
         *
         * @param deadLetterQueueRecords the records to send; may be {@code null}
         */
        public static Response resume(List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords) {
            return new Response(Result.RESUME, deadLetterQueueRecords);
        }

        /** Returns a response that sends the record again (for retriable send errors). */
        public static Response retry() {
            return new Response(Result.RETRY, null);
        }
    }
}
