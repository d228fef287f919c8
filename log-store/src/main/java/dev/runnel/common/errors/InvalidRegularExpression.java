package dev.runnel.common.errors;

/** A {@code SubscriptionPattern} that is not a valid regular expression (KIP-848). */
public class InvalidRegularExpression extends ApiException {
    public InvalidRegularExpression(String message) {
        super(message);
    }

    public InvalidRegularExpression(String message, Throwable cause) {
        super(message, cause);
    }
}
