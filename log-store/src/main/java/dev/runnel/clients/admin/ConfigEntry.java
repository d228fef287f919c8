package dev.runnel.clients.admin;

/** One config of a resource: name, value, and whether it was set on the resource or is the default. */
public record ConfigEntry(String name, String value, ConfigSource source) {
    /** Where a config's value comes from, as in Kafka. */
    public enum ConfigSource {
        DYNAMIC_TOPIC_CONFIG, DEFAULT_CONFIG, UNKNOWN
    }

    /** An entry to set, for {@link AlterConfigOp}. */
    public ConfigEntry(String name, String value) {
        this(name, value, ConfigSource.UNKNOWN);
    }

    public boolean isDefault() {
        return source == ConfigSource.DEFAULT_CONFIG;
    }

    public boolean isSensitive() {
        return false;
    }

    public boolean isReadOnly() {
        return false;
    }
}
