package dev.runnel.streams.errors;

import dev.runnel.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default: logs the failure with the record's position (never its contents) and fails the task. */
public class LogAndFailProcessingExceptionHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndFailProcessingExceptionHandler.class);

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.error("Processor {} failed: task {}, topic {}, partition {}, offset {}; failing the task (set "
            + "processing.exception.handler to LogAndContinueProcessingExceptionHandler to skip such records)",
            context.processorNodeId(), context.taskId(), context.topic(), context.partition(), context.offset(),
            exception);
        return ProcessingHandlerResponse.FAIL;
    }
}
