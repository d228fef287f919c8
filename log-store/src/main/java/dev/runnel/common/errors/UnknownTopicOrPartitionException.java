package dev.runnel.common.errors;

/** The topic or partition does not exist. */
public class UnknownTopicOrPartitionException extends ApiException {
    public UnknownTopicOrPartitionException(String message) {
        super(message);
    }

    public UnknownTopicOrPartitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
