package dev.runnel.common.errors;

/** The member id is not (or no longer) known to the group coordinator. */
public class UnknownMemberIdException extends ApiException {
    public UnknownMemberIdException(String message) {
        super(message);
    }
}
