package dev.runnel.common.config;

import java.util.Map;

/**
 * What {@link ConfigTransformer#transform(Map)} returns: the configs with their references replaced, and per path the
 * milliseconds its values stay valid, as Kafka's {@code ConfigTransformerResult}.
 */
public class ConfigTransformerResult {
    private final Map<String, String> data;
    private final Map<String, Long> ttls;

    public ConfigTransformerResult(Map<String, String> data, Map<String, Long> ttls) {
        this.data = data;
        this.ttls = ttls;
    }

    public Map<String, String> data() {
        return data;
    }

    public Map<String, Long> ttls() {
        return ttls;
    }
}
