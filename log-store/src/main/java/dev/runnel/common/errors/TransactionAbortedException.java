package dev.runnel.common.errors;

/** A record sent in a transaction that was aborted before the record was written. */
public class TransactionAbortedException extends ApiException {
    public TransactionAbortedException(String message) {
        super(message);
    }

    public TransactionAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
