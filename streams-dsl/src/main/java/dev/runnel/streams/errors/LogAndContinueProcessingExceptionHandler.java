package dev.runnel.streams.errors;

import static dev.runnel.streams.errors.ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords;

import dev.runnel.streams.processor.api.Record;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the failure with the record's position (never its contents) and skips the record; with
 * {@code errors.dead.letter.queue.topic.name} set, first sends the raw input record to that topic.
 */
public class LogAndContinueProcessingExceptionHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndContinueProcessingExceptionHandler.class);

    private String deadLetterQueueTopic;

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.warn("Skipping a record processor {} failed on: task {}, topic {}, partition {}, offset {}",
            context.processorNodeId(), context.taskId(), context.topic(), context.partition(), context.offset(),
            exception);
        return Response.resume(maybeBuildDeadLetterQueueRecords(deadLetterQueueTopic, context.sourceRawKey(),
            context.sourceRawValue(), context, exception));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterQueueTopic = DeadLetterQueueTopic.from(configs);
    }
}
