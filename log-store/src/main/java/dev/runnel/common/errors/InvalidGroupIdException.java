package dev.runnel.common.errors;

/** The consumer has no (or an invalid) {@code group.id} for a group or offset-commit call. */
public class InvalidGroupIdException extends ApiException {
    public InvalidGroupIdException(String message) {
        super(message);
    }
}
