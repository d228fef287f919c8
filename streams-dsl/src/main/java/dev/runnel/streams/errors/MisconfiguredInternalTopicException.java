package dev.runnel.streams.errors;

/** An existing internal topic has a configuration the application cannot use, such as another partition count. */
public class MisconfiguredInternalTopicException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public MisconfiguredInternalTopicException(String message) {
        super(message);
    }
}
