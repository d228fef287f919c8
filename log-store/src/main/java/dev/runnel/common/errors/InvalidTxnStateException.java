package dev.runnel.common.errors;

/** A transaction request that does not fit the transaction's state at the coordinator. */
public class InvalidTxnStateException extends ApiException {
    public InvalidTxnStateException(String message) {
        super(message);
    }

    public InvalidTxnStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
