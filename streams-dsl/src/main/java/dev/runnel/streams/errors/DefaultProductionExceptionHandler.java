package dev.runnel.streams.errors;

import static dev.runnel.streams.errors.ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.errors.TimeoutException;
import java.util.Map;

/**
 * The default: retries timeouts and fails on everything else, including serialization errors. With
 * {@code errors.dead.letter.queue.topic.name} set, a failure first sends the raw input record (when still known) to
 * that topic.
 */
public class DefaultProductionExceptionHandler implements ProductionExceptionHandler {
    private String deadLetterQueueTopic;

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
        Exception exception) {
        return exception instanceof TimeoutException
            ? Response.retry()
            : Response.fail(maybeBuildDeadLetterQueueRecords(deadLetterQueueTopic, context.sourceRawKey(),
                context.sourceRawValue(), context, exception));
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord<?, ?> record,
        Exception exception, SerializationExceptionOrigin origin) {
        return Response.fail(maybeBuildDeadLetterQueueRecords(deadLetterQueueTopic, context.sourceRawKey(),
            context.sourceRawValue(), context, exception));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterQueueTopic = DeadLetterQueueTopic.from(configs);
    }
}
