package dev.runnel.common.errors;

/** A consumer's assignors have none in common with the other members of its group. */
public class InconsistentGroupProtocolException extends ApiException {
    public InconsistentGroupProtocolException(String message) {
        super(message);
    }
}
