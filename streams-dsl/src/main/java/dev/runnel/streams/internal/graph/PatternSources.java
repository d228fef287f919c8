package dev.runnel.streams.internal.graph;

import dev.runnel.streams.AutoOffsetReset;
import dev.runnel.streams.errors.TopologyException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The sources that read topics by pattern, as in Kafka Streams: a topic is read by a pattern when the whole name
 * matches. Keeps the rule that no topic is read by two sources: a pattern may not match a named source topic, and a
 * topic matched by two patterns is an error when it is seen. Not thread-safe; owned by its topology builder.
 */
final class PatternSources {
    private final Map<String, Pattern> patternBySource = new LinkedHashMap<>();
    private final Map<String, AutoOffsetReset> resetBySource = new HashMap<>();

    /**
     * Adds source {@code sourceName} of {@code pattern} ({@code offsetReset} may be null).
     *
     * @param namedTopics the topics named sources read so far, which the pattern must not match
     */
    void add(String sourceName, Pattern pattern, AutoOffsetReset offsetReset, Collection<String> namedTopics) {
        for (Map.Entry<String, Pattern> other : patternBySource.entrySet()) {
            if (other.getValue().pattern().equals(pattern.pattern())) {
                throw new TopologyException("Pattern " + pattern + " of source " + sourceName
                    + " is already read by source " + other.getKey() + ".");
            }
        }
        for (String topic : namedTopics) {
            if (pattern.matcher(topic).matches()) {
                throw new TopologyException("Pattern " + pattern
                    + " will match a topic that has already been registered by another source.");
            }
        }
        patternBySource.put(sourceName, pattern);
        if (offsetReset != null) {
            resetBySource.put(sourceName, offsetReset);
        }
    }

    /** Throws if a pattern source already reads {@code topic}, which a new named source wants. */
    void requireUnmatched(String topic) {
        sourceOf(topic).ifPresent(source -> {
            throw new TopologyException("Topic " + topic + " matches a Pattern already registered by another source.");
        });
    }

    /**
     * Returns the source whose pattern matches {@code topic}, if any.
     *
     * @throws TopologyException if two patterns match it
     */
    Optional<String> sourceOf(String topic) {
        String found = null;
        for (Map.Entry<String, Pattern> entry : patternBySource.entrySet()) {
            if (entry.getValue().matcher(topic).matches()) {
                if (found != null) {
                    throw new TopologyException("Topic " + topic + " is matched by pattern "
                        + patternBySource.get(found) + " of source " + found + " and by pattern " + entry.getValue()
                        + " of source " + entry.getKey() + "; a topic can be read by one source only.");
                }
                found = entry.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Returns, for each pattern source that matches any of {@code topics}, the topics it matches (sorted), leaving
     * out the {@code excluded} ones.
     *
     * @throws TopologyException if two patterns match one topic
     */
    Map<String, Set<String>> match(Collection<String> topics, Predicate<String> excluded) {
        if (patternBySource.isEmpty()) {
            return Map.of();
        }
        Map<String, Set<String>> matches = new LinkedHashMap<>();
        for (String topic : topics) {
            if (!excluded.test(topic)) {
                sourceOf(topic).ifPresent(source -> matches.computeIfAbsent(source, s -> new TreeSet<>()).add(topic));
            }
        }
        return matches;
    }

    /** Returns the offset reset policy of a pattern source, or {@code null} if it has none of its own. */
    AutoOffsetReset offsetReset(String sourceName) {
        return resetBySource.get(sourceName);
    }

    /** Returns the patterns by source name, in the order they were added. */
    Map<String, Pattern> patterns() {
        return Collections.unmodifiableMap(patternBySource);
    }
}
