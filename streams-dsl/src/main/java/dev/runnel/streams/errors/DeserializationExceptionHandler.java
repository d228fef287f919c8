package dev.runnel.streams.errors;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.streams.processor.ProcessorContext;
import java.util.List;
import java.util.Map;

/**
 * Decides what happens to an input record whose key or value cannot be deserialized. Set with
 * {@code deserialization.exception.handler} (or {@code default.deserialization.exception.handler}). A skipped record is
 * counted in the task's dropped records. The {@link Response} may carry dead letter queue records (KIP-1034), which the
 * task sends before it resumes or fails. Implementations need a public no-argument constructor.
 */
public interface DeserializationExceptionHandler {
    /**
     * Returns whether to skip the record or fail the task.
     *
     * @param context the task's context, its record being the one that failed; {@code null} if the handler is asked
     *     with an {@link ErrorHandlerContext} the runtime did not make
     * @param record the raw record
     * @param exception what the deserializer threw
     * @deprecated since Kafka 3.9; implement {@link #handleError} instead. Only called by the default
     *     {@link #handle(ErrorHandlerContext, ConsumerRecord, Exception)}; this default throws
     *     {@link UnsupportedOperationException}.
     */
    @Deprecated
    default DeserializationHandlerResponse handle(ProcessorContext context, ConsumerRecord<byte[], byte[]> record,
        Exception exception) {
        throw new UnsupportedOperationException();
    }

    /**
     * Returns whether to skip the record or fail the task. The default asks
     * {@link #handle(ProcessorContext, ConsumerRecord, Exception)}.
     *
     * @param context where the record was read
     * @param record the raw record
     * @param exception what the deserializer threw
     * @deprecated since Kafka 4.1; implement {@link #handleError} instead. Only called by its default implementation.
     */
    @Deprecated
    default DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
        Exception exception) {
        // The runtime's error context is also the task's context in the old style.
        return handle(context instanceof ProcessorContext processorContext ? processorContext : null, record,
            exception);
    }

    /**
     * Returns whether to skip the record or fail the task, and which records to send to a dead letter queue. The
     * default asks {@link #handle} and sends nothing.
     *
     * @param context where the record was read
     * @param record the raw record
     * @param exception what the deserializer threw
     */
    @SuppressWarnings("deprecation")
    default Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
        Exception exception) {
        return new Response(Result.from(handle(context, record, exception)), List.of());
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
    enum DeserializationHandlerResponse {
        /** Skip the record and go on with the next one. */
        CONTINUE(0, "CONTINUE"),
        /** Fail the task with a {@link StreamsException}. */
        FAIL(1, "FAIL");

        /** The permanent name of the response. */
        public final String name;
        /** The permanent id of the response. */
        public final int id;

        DeserializationHandlerResponse(int id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /** Whether to go on after the failed record. */
    enum Result {
        /** Skip the record and go on with the next one. */
        RESUME(0, "RESUME"),
        /** Fail the task with a {@link StreamsException}. */
        FAIL(1, "FAIL");

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
        static Result from(DeserializationHandlerResponse response) {
            return response == DeserializationHandlerResponse.CONTINUE ? RESUME : FAIL;
        }
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

        /** Returns a response that skips the record and sends nothing. */
        public static Response resume() {
            return resume(null);
        }

        /**
         * Returns a response that skips the record after sending {@code deadLetterQueueRecords}.
         *
         * @param deadLetterQueueRecords the records to send; may be {@code null}
         */
        public static Response resume(List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords) {
            return new Response(Result.RESUME, deadLetterQueueRecords);
        }
    }
}
