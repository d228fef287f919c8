package dev.runnel.clients.producer;

import dev.runnel.common.errors.TimeoutException;

/**
 * The record could not be queued because the records not yet written filled {@code buffer.memory} for longer than
 * {@code max.block.ms}: the producer is producing faster than the log absorbs. As in Kafka, {@code send} does not
 * throw it but fails the record's future and passes it to the callback. A {@link TimeoutException}, as in Kafka, so
 * that existing handlers of either catch it.
 */
public class BufferExhaustedException extends TimeoutException {
    public BufferExhaustedException(String message) {
        super(message);
    }
}
