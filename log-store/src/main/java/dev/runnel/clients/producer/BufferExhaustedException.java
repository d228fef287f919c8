package dev.runnel.clients.producer;

import dev.runnel.common.errors.TimeoutException;

/**
 * Thrown by {@code send} when the records not yet written fill {@code buffer.memory} for longer than
 * {@code max.block.ms}: the producer is producing faster than the log absorbs. A {@link TimeoutException}, as in
 * Kafka, so that existing handlers of either catch it.
 */
public class BufferExhaustedException extends TimeoutException {
    public BufferExhaustedException(String message) {
        super(message);
    }
}
