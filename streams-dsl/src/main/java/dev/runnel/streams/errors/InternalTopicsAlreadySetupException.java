package dev.runnel.streams.errors;

/** The internal topics to set up exist already. */
public class InternalTopicsAlreadySetupException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public InternalTopicsAlreadySetupException(String message) {
        super(message);
    }
}
