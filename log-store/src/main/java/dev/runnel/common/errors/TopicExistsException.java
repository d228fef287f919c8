package dev.runnel.common.errors;

/** A topic of that name already exists. */
public class TopicExistsException extends ApiException {
    public TopicExistsException(String message) {
        super(message);
    }

    public TopicExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
