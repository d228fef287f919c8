package dev.runnel.log.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the log keeps about a topic besides its data: the partition count and the configs set on it (not the
 * defaults, so that a changed default reaches every topic that did not override it).
 */
public record TopicMetadata(String name, int partitions, Map<String, String> overrides) {
    public TopicMetadata {
        overrides = Map.copyOf(overrides);
    }

    public TopicMetadata withPartitions(int count) {
        return new TopicMetadata(name, count, overrides);
    }

    public TopicMetadata withOverrides(Map<String, String> newOverrides) {
        return new TopicMetadata(name, partitions, newOverrides);
    }

    /** The overrides sorted by key, for stable output. */
    public Map<String, String> sortedOverrides() {
        return new TreeMap<>(overrides);
    }
}
