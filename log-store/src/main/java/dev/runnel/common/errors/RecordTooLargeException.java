package dev.runnel.common.errors;

/** A record or batch is larger than max.message.bytes (or the producer's max.request.size). */
public class RecordTooLargeException extends ApiException {
    public RecordTooLargeException(String message) {
        super(message);
    }

    public RecordTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
