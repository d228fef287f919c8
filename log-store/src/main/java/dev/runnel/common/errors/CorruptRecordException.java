package dev.runnel.common.errors;

/** A stored or received record batch failed its CRC or size checks; it is never served as data. */
public class CorruptRecordException extends ApiException {
    public CorruptRecordException(String message) {
        super(message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
