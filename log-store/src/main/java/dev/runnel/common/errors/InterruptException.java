package dev.runnel.common.errors;

/** A blocking call was interrupted; the thread's interrupt flag is set again. */
public class InterruptException extends ApiException {
    public InterruptException(String message) {
        super(message);
    }

    public InterruptException(String message, Throwable cause) {
        super(message, cause);
    }
}
