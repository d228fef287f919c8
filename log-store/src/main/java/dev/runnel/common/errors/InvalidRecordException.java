package dev.runnel.common.errors;

/** A record is not acceptable to the topic, for example a record with no key sent to a compacted topic. */
public class InvalidRecordException extends ApiException {
    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
