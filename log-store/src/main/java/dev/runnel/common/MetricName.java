package dev.runnel.common;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The name of a metric, as in Kafka: a name, a group (for JMX, the {@code type}), a description and tags such as
 * {@code thread-id}. Equality ignores the description. Immutable.
 */
public final class MetricName {
    private final String name;
    private final String group;
    private final String description;
    private final Map<String, String> tags;

    /** Creates a name; {@code tags} are copied. */
    public MetricName(String name, String group, String description, Map<String, String> tags) {
        this.name = Objects.requireNonNull(name, "name");
        this.group = Objects.requireNonNull(group, "group");
        this.description = Objects.requireNonNull(description, "description");
        this.tags = Map.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    public String name() {
        return name;
    }

    public String group() {
        return group;
    }

    public String description() {
        return description;
    }

    public Map<String, String> tags() {
        return tags;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetricName that && name.equals(that.name) && group.equals(that.group)
            && tags.equals(that.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, group, tags);
    }

    @Override
    public String toString() {
        return "MetricName [name=" + name + ", group=" + group + ", description=" + description + ", tags="
            + new TreeMap<>(tags) + "]";
    }
}
