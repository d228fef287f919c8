package dev.runnel.common.errors;

/** The transactional id is unknown to the coordinator or maps to another producer id. */
public class InvalidPidMappingException extends ApiException {
    public InvalidPidMappingException(String message) {
        super(message);
    }

    public InvalidPidMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
