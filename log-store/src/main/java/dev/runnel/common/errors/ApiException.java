package dev.runnel.common.errors;

import dev.runnel.common.KafkaException;

/** An error that a request to the log can return: the request was refused, the log itself is fine. */
public class ApiException extends KafkaException {
    public ApiException(String message) {
        super(message);
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
