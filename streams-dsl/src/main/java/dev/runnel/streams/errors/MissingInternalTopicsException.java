package dev.runnel.streams.errors;

import java.util.List;

/** Internal topics the application needs do not exist (and could not be created). */
public class MissingInternalTopicsException extends StreamsException {
    private static final long serialVersionUID = 1L;

    private final List<String> topics;

    /** Creates an exception with a message and the missing topics. */
    public MissingInternalTopicsException(String message, List<String> topics) {
        super(message);
        this.topics = List.copyOf(topics);
    }

    /** Returns the missing topics. */
    public List<String> topics() {
        return topics;
    }
}
