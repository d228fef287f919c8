package dev.runnel.common.errors;

/** The request carries a generation that is not the group's current one. */
public class IllegalGenerationException extends ApiException {
    public IllegalGenerationException(String message) {
        super(message);
    }
}
