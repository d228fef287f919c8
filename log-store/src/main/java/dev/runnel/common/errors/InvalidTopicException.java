package dev.runnel.common.errors;

/** A topic name breaks Kafka's naming rules, or a topic is used in a way its kind forbids. */
public class InvalidTopicException extends ApiException {
    public InvalidTopicException(String message) {
        super(message);
    }

    public InvalidTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
