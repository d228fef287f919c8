package dev.runnel.streams.errors;

import dev.runnel.streams.processor.api.Record;
import java.util.Map;

/**
 * Decides what happens when a processor (user code in a DSL operation or the processor API) throws while processing
 * a record or punctuating (KIP-1033). Set with {@code processing.exception.handler}; the default logs and fails. A
 * record skipped by CONTINUE goes no further from the processor that failed and is counted in the task's dropped
 * records. Implementations need a public no-argument constructor.
 */
public interface ProcessingExceptionHandler {
    /**
     * Returns whether to skip the record or fail the task.
     *
     * @param context where the record was and which processor failed
     * @param record the record the processor was given, or {@code null} for a punctuation
     * @param exception what the processor threw
     */
    ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception);

    /** Receives the application configs once, after construction. */
    default void configure(Map<String, ?> configs) {
    }

    /** The handler's decision. */
    enum ProcessingHandlerResponse {
        /** Skip the record at the failed processor and go on. */
        CONTINUE(1, "CONTINUE"),
        /** Fail the task with a {@link StreamsException}. */
        FAIL(2, "FAIL");

        /** The permanent name of the response. */
        public final String name;
        /** The permanent id of the response. */
        public final int id;

        ProcessingHandlerResponse(int id, String name) {
            this.id = id;
            this.name = name;
        }
    }
}
