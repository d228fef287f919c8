package dev.runnel.common.errors;

/** A record batch is larger than the topic's max.message.bytes. */
public class RecordBatchTooLargeException extends ApiException {
    public RecordBatchTooLargeException(String message) {
        super(message);
    }

    public RecordBatchTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
