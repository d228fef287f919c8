package dev.runnel.common.config;

import java.util.Map;

/**
 * Values a {@link dev.runnel.common.config.provider.ConfigProvider} returns for one path, by key, and how long they
 * stay valid, as Kafka's {@code ConfigData}. Immutable if the map is.
 */
public class ConfigData {
    private final Map<String, String> data;
    private final Long ttl;

    /** The values, valid for {@code ttl} milliseconds; {@code null} for as long as the provider runs. */
    public ConfigData(Map<String, String> data, Long ttl) {
        this.data = data;
        this.ttl = ttl;
    }

    /** The values, valid for as long as the provider runs. */
    public ConfigData(Map<String, String> data) {
        this(data, null);
    }

    public Map<String, String> data() {
        return data;
    }

    /** Returns how many milliseconds the values stay valid, or {@code null}. */
    public Long ttl() {
        return ttl;
    }
}
