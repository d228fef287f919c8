package dev.runnel.common.errors;

/** A config key has a value outside its valid range or of the wrong type. */
public class InvalidConfigurationException extends ApiException {
    public InvalidConfigurationException(String message) {
        super(message);
    }

    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
