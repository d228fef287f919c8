package dev.runnel.common.errors;

/** A request that the log cannot serve as asked, for example configs of a resource type it does not have. */
public class InvalidRequestException extends ApiException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
