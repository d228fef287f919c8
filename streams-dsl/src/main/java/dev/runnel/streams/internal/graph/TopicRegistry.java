package dev.runnel.streams.internal.graph;

import dev.runnel.log.Topics;
import dev.runnel.streams.AutoOffsetReset;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.internal.state.InternalStateStoreContext;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The topics a topology reads and creates: which source reads each topic, by name or pattern, which topics are
 * internal or global, how the runtime names them and where a partition without a committed offset starts. Not
 * thread-safe; owned by its topology builder.
 */
final class TopicRegistry {
    private final Map<String, String> sourceByTopic = new HashMap<>();
    private final Map<String, AutoOffsetReset> resetByTopic = new HashMap<>();
    private final PatternSources patternSources = new PatternSources();
    private final Set<String> globalTopics = new LinkedHashSet<>();
    private final Set<String> internalTopics = new LinkedHashSet<>();
    private final Map<String, Integer> internalTopicPartitions = new HashMap<>();
    private String applicationId;

    /**
     * Registers source {@code sourceName} reading {@code topics} ({@code offsetReset} may be null).
     *
     * @throws TopologyException if no topic is given, or another source reads one of them
     */
    void addNamedSource(String sourceName, AutoOffsetReset offsetReset, String... topics) {
        Objects.requireNonNull(topics, "topics cannot be a null array");
        if (topics.length == 0) {
            throw new TopologyException("topics cannot be empty");
        }
        Set<String> seen = new HashSet<>();
        for (String topic : topics) {
            Objects.requireNonNull(topic, "topic names cannot be null");
            // a topic named twice by this source counts as registered by another one, as in Kafka Streams
            if (sourceByTopic.containsKey(topic) || !seen.add(topic)) {
                throw new TopologyException("Topic " + topic + " has already been registered by another source.");
            }
            if (!internalTopics.contains(topic)) {
                patternSources.requireUnmatched(topic);
            }
        }
        for (String topic : topics) {
            sourceByTopic.put(topic, sourceName);
            if (offsetReset != null) {
                resetByTopic.put(topic, offsetReset);
            }
        }
    }

    /** Registers source {@code sourceName} reading the topics {@code topicPattern} matches. */
    void addPatternSource(String sourceName, AutoOffsetReset offsetReset, Pattern topicPattern) {
        Set<String> namedTopics = new TreeSet<>(sourceByTopic.keySet());
        namedTopics.removeAll(internalTopics);
        patternSources.add(sourceName, topicPattern, offsetReset, namedTopics);
    }

    /** See {@link InternalTopologyBuilder#patternMatches}; no pattern reads the changelog of {@code storeNames}. */
    Map<String, Set<String>> patternMatches(Collection<String> topics, Set<String> storeNames) {
        return patternSources.match(topics, topic -> isReservedTopic(topic, storeNames));
    }

    /** Returns whether a pattern may never read {@code topic}: the application's or the log's own topic. */
    private boolean isReservedTopic(String topic, Set<String> storeNames) {
        if (Topics.isInternal(topic) || isDecoratedInternalTopic(topic)) {
            return true;
        }
        if (applicationId != null) {
            for (String store : storeNames) {
                if (InternalStateStoreContext.changelogTopic(applicationId, store).equals(topic)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isDecoratedInternalTopic(String topic) {
        for (String internal : internalTopics) {
            if (decorateTopic(internal).equals(topic)) {
                return true;
            }
        }
        return false;
    }

    /** See {@link InternalTopologyBuilder#offsetResetPolicy}. */
    Optional<AutoOffsetReset> offsetResetPolicy(String topic, Set<String> storeNames) {
        AutoOffsetReset own = resetByTopic.get(topic);
        if (own != null) {
            return Optional.of(own);
        }
        if (isDecoratedInternalTopic(topic)) {
            return Optional.of(AutoOffsetReset.earliest());
        }
        if (sourceByTopic.containsKey(topic) || isReservedTopic(topic, storeNames)) {
            return Optional.empty();
        }
        return patternSources.sourceOf(topic).map(patternSources::offsetReset);
    }

    void addInternalTopic(String topic, Integer numberOfPartitions) {
        internalTopics.add(Objects.requireNonNull(topic, "topic"));
        if (numberOfPartitions != null) {
            internalTopicPartitions.put(topic, numberOfPartitions);
        }
    }

    /** Forgets internal topic {@code topic} and the source reading it (the optimizer merged it into another). */
    void removeInternalTopic(String topic) {
        internalTopics.remove(topic);
        internalTopicPartitions.remove(topic);
        sourceByTopic.remove(topic);
        resetByTopic.remove(topic);
    }

    void addGlobalTopic(String topic) {
        globalTopics.add(topic);
    }

    Set<String> internalTopics() {
        return Collections.unmodifiableSet(internalTopics);
    }

    Map<String, Integer> internalTopicPartitions() {
        return internalTopicPartitions;
    }

    Set<String> globalTopics() {
        return Collections.unmodifiableSet(globalTopics);
    }

    /** Returns the external source topics: named ones and those the patterns matched ({@code patternMatches}). */
    Set<String> externalSourceTopics(Map<String, Set<String>> patternMatches) {
        Set<String> topics = new TreeSet<>(sourceByTopic.keySet());
        topics.removeAll(internalTopics);
        topics.removeAll(globalTopics);
        patternMatches.values().forEach(topics::addAll);
        return topics;
    }

    void setApplicationId(String applicationId) {
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
    }

    String decorateTopic(String topic) {
        return applicationId != null && internalTopics.contains(topic) ? applicationId + "-" + topic : topic;
    }
}
