package dev.runnel.common.errors;

/** The log could not read or write its files; the message names the file. */
public class KafkaStorageException extends ApiException {
    public KafkaStorageException(String message) {
        super(message);
    }

    public KafkaStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
