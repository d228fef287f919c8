package dev.runnel.common;

import java.util.Map;

/**
 * A plugin that a client creates from a class name with its no-argument constructor and then configures with the
 * client's configs, as Kafka's {@code Configurable} is: interceptors and partitioners, for example.
 */
public interface Configurable {

    /** Configures this plugin from its client's configs, once, before it is used. */
    void configure(Map<String, ?> configs);
}
