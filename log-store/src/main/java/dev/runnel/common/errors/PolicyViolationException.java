package dev.runnel.common.errors;

/** A request goes against a topic's policy, such as deleting the records of a compacted topic. */
public class PolicyViolationException extends ApiException {
    public PolicyViolationException(String message) {
        super(message);
    }

    public PolicyViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
