package dev.runnel.streams.errors;

import static dev.runnel.streams.errors.ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords;

import dev.runnel.streams.processor.api.Record;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default: logs the failure with the record's position (never its contents) and fails the task; with
 * {@code errors.dead.letter.queue.topic.name} set, first sends the raw input record to that topic.
 */
public class LogAndFailProcessingExceptionHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndFailProcessingExceptionHandler.class);

    private String deadLetterQueueTopic;

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.error("Processor {} failed: task {}, topic {}, partition {}, offset {}; failing the task (set "
            + "processing.exception.handler to LogAndContinueProcessingExceptionHandler to skip such records)",
            context.processorNodeId(), context.taskId(), context.topic(), context.partition(), context.offset(),
            exception);
        return Response.fail(maybeBuildDeadLetterQueueRecords(deadLetterQueueTopic, context.sourceRawKey(),
            context.sourceRawValue(), context, exception));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterQueueTopic = DeadLetterQueueTopic.from(configs);
    }
}
