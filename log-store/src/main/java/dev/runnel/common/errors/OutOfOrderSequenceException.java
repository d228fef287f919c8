package dev.runnel.common.errors;

/**
 * An idempotent producer's batch did not carry the sequence number the log expected next for its producer id and
 * partition: a batch was lost or sent out of order. Fatal for the producer, as in Kafka.
 */
public class OutOfOrderSequenceException extends ApiException {
    public OutOfOrderSequenceException(String message) {
        super(message);
    }

    public OutOfOrderSequenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
