package dev.runnel.streams.errors;

import static dev.runnel.streams.errors.ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords;

import dev.runnel.clients.consumer.ConsumerRecord;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the failure with the record's position (never its contents) and skips the record; with
 * {@code errors.dead.letter.queue.topic.name} set, first sends the raw record to that topic.
 */
public class LogAndContinueExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndContinueExceptionHandler.class);

    private String deadLetterQueueTopic;

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
        Exception exception) {
        LOG.warn("Skipping record that failed to deserialize: task {}, topic {}, partition {}, offset {}",
            context.taskId(), record.topic(), record.partition(), record.offset(), exception);
        return Response.resume(maybeBuildDeadLetterQueueRecords(deadLetterQueueTopic, context.sourceRawKey(),
            context.sourceRawValue(), context, exception));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterQueueTopic = DeadLetterQueueTopic.from(configs);
    }
}
