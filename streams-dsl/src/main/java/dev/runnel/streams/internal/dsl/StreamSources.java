package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.AutoOffsetReset;
import dev.runnel.streams.errors.TopologyException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The source nodes of the DSL's streams, by what they subscribe to: as in Kafka Streams, streams of the same topics (in
 * any order), or of the same pattern, share the first one's source node, so each record is read once and reaches them
 * all; the later streams' deserializers, timestamp extractors and names give way to the first's. Not thread-safe; owned
 * by its {@link InternalStreamsBuilder}.
 */
final class StreamSources {
    private final Map<Set<String>, Source> byTopics = new HashMap<>();
    private final Map<String, Source> byPattern = new HashMap<>();

    private record Source(String name, AutoOffsetReset resetPolicy) {
        String sharedWith(AutoOffsetReset otherPolicy) {
            if (!Objects.equals(resetPolicy, otherPolicy)) {
                throw new TopologyException("Can't configure different offset reset policies on the same input"
                    + " topic(s)");
            }
            return name;
        }
    }

    /**
     * Returns the source node already reading exactly {@code topics}, or {@code null} if there is none.
     *
     * @throws TopologyException if a stream source reads some of these topics but not the same set, or if the source
     *     of these topics has another offset reset policy
     */
    String sourceOf(Collection<String> topics, AutoOffsetReset resetPolicy) {
        Set<String> topicSet = new HashSet<>(topics);
        Source same = byTopics.get(topicSet);
        if (same != null) {
            return same.sharedWith(resetPolicy);
        }
        for (Set<String> read : byTopics.keySet()) {
            if (!Collections.disjoint(read, topicSet)) {
                throw new TopologyException("Two source nodes are subscribed to overlapping but not equal input"
                    + " topics");
            }
        }
        return null;
    }

    /** Returns the source node already reading {@code topicPattern}, or {@code null} if there is none. */
    String sourceOf(Pattern topicPattern, AutoOffsetReset resetPolicy) {
        Source same = byPattern.get(topicPattern.pattern());
        return same == null ? null : same.sharedWith(resetPolicy);
    }

    void add(Collection<String> topics, String sourceName, AutoOffsetReset resetPolicy) {
        byTopics.put(new HashSet<>(topics), new Source(sourceName, resetPolicy));
    }

    void add(Pattern topicPattern, String sourceName, AutoOffsetReset resetPolicy) {
        byPattern.put(topicPattern.pattern(), new Source(sourceName, resetPolicy));
    }
}
