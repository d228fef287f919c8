package dev.runnel.common.errors;

/** Another consumer with the same {@code group.instance.id} has joined; this one is fenced. */
public class FencedInstanceIdException extends ApiException {
    public FencedInstanceIdException(String message) {
        super(message);
    }
}
