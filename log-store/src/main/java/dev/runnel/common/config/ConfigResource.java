package dev.runnel.common.config;

import java.util.Objects;

/** Something that has configs: a topic (the embedded log has no separate brokers to configure yet). */
public record ConfigResource(Type type, String name) {
    /** The kinds of resource, as in Kafka. */
    public enum Type {
        TOPIC, BROKER, BROKER_LOGGER, CLIENT_METRICS, GROUP, UNKNOWN
    }

    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }
}
