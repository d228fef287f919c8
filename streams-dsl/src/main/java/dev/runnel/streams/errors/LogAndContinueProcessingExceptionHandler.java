package dev.runnel.streams.errors;

import dev.runnel.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the failure with the record's position (never its contents) and skips the record. */
public class LogAndContinueProcessingExceptionHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndContinueProcessingExceptionHandler.class);

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.warn("Skipping a record processor {} failed on: task {}, topic {}, partition {}, offset {}",
            context.processorNodeId(), context.taskId(), context.topic(), context.partition(), context.offset(),
            exception);
        return ProcessingHandlerResponse.CONTINUE;
    }
}
