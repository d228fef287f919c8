package dev.runnel.streams.errors;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.errors.TimeoutException;

/** The default: retries timeouts and fails on everything else, including serialization errors. */
public class DefaultProductionExceptionHandler implements ProductionExceptionHandler {
    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
        Exception exception) {
        return exception instanceof TimeoutException
            ? ProductionExceptionHandlerResponse.RETRY
            : ProductionExceptionHandlerResponse.FAIL;
    }
}
