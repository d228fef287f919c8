package dev.runnel.streams.errors;

import dev.runnel.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default: logs the failure with the record's position and fails the task. */
public class LogAndFailExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndFailExceptionHandler.class);

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
        Exception exception) {
        LOG.error("Record failed to deserialize: task {}, topic {}, partition {}, offset {}",
            context.taskId(), record.topic(), record.partition(), record.offset(), exception);
        return DeserializationHandlerResponse.FAIL;
    }
}
