package dev.runnel.streams.errors;

import dev.runnel.clients.consumer.ConsumerRecord;
import java.util.Map;

/**
 * Decides what happens to an input record whose key or value cannot be deserialized. Set with
 * {@code deserialization.exception.handler} (or {@code default.deserialization.exception.handler}). A skipped record is
 * counted in the task's dropped records. Implementations need a public no-argument constructor.
 */
public interface DeserializationExceptionHandler {
    /**
     * Returns whether to skip the record or fail the task.
     *
     * @param context where the record was read
     * @param record the raw record
     * @param exception what the deserializer threw
     */
    DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
        Exception exception);

    /** Receives the application configs once, after construction. */
    default void configure(Map<String, ?> configs) {
    }

    /** The handler's decision. */
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
}
