package dev.runnel.common.config;

import dev.runnel.common.KafkaException;

/**
 * A client or application configuration is missing, of the wrong type or out of range, as Kafka's {@code
 * ConfigException} reports it. (A topic configuration the log refuses is an {@link
 * dev.runnel.common.errors.InvalidConfigurationException}, as a broker reports it.)
 */
public class ConfigException extends KafkaException {
    public ConfigException(String message) {
        super(message);
    }

    /** A configuration whose value is invalid: "Invalid value {@code value} for configuration {@code name}". */
    public ConfigException(String name, Object value) {
        this(name, value, null);
    }

    /** As {@link #ConfigException(String, Object)}, followed by ": {@code message}" unless it is null. */
    public ConfigException(String name, Object value, String message) {
        super("Invalid value " + value + " for configuration " + name + (message == null ? "" : ": " + message));
    }

    /** Runnel's own: {@code message} with the failure that caused it. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
