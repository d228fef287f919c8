package dev.runnel.streams.errors;

import dev.runnel.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the failure with the record's position (never its contents) and skips the record. */
public class LogAndContinueExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndContinueExceptionHandler.class);

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
        Exception exception) {
        LOG.warn("Skipping record that failed to deserialize: task {}, topic {}, partition {}, offset {}",
            context.taskId(), record.topic(), record.partition(), record.offset(), exception);
        return DeserializationHandlerResponse.CONTINUE;
    }
}
