package dev.runnel.common;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The shape of a family of metric names, as Kafka's {@code MetricNameTemplate}: a name, a group, a description and
 * the tag keys each instance has ({@code Metrics.metricInstance} fills in the values). Equality is by name, group
 * and tag keys. Immutable.
 */
public class MetricNameTemplate {
    private final String name;
    private final String group;
    private final String description;
    private final Set<String> tags;

    /** Creates a template; the tag keys keep their order. */
    public MetricNameTemplate(String name, String group, String description, Set<String> tagsNames) {
        this.name = Objects.requireNonNull(name, "name");
        this.group = Objects.requireNonNull(group, "group");
        this.description = Objects.requireNonNull(description, "description");
        this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(tagsNames, "tagsNames")));
    }

    /** Creates a template with the tag keys in the order given. */
    public MetricNameTemplate(String name, String group, String description, String... tagsNames) {
        this(name, group, description, new LinkedHashSet<>(List.of(tagsNames)));
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

    /** Returns the tag keys, in order; unmodifiable. */
    public Set<String> tags() {
        return tags;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetricNameTemplate that && getClass() == that.getClass() && name.equals(that.name)
            && group.equals(that.group) && tags.equals(that.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, group, tags);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "name=%s, group=%s, tags=%s", name, group, tags);
    }
}
