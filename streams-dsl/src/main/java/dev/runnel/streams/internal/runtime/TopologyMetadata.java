package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.errors.MissingSourceTopicException;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.internal.graph.InternalTopicConfig;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.graph.NodeFactory;
import dev.runnel.streams.internal.graph.SinkNodeFactory;
import dev.runnel.streams.internal.state.InternalStateStoreContext;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.state.StoreBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the runtime needs to know of a topology, with topic names decorated for one application: each (non-global)
 * sub-topology's source topics and patterns, sink topics and logged stores, and the internal topics.
 * {@link #resolvePartitions} derives every internal topic's partition count from the source topics and checks
 * co-partitioning (the topology builder's rules); a changelog gets as many partitions as its sub-topology has tasks.
 * Thread-safe: immutable after {@code resolvePartitions} but for the topics pattern sources matched last, which
 * each rebalance re-resolves ({@link #sourceTopicsBySubtopology}); read by every stream thread.
 */
/*
 * Implementation notes. A pattern source's topics are never fixed: the stream threads subscribe by
 * subscriptionPattern(), so a matching topic created later makes the group rebalance, and the assignor asks
 * sourceTopicsBySubtopology() which of the subscribed topics each sub-topology reads now. taskFor() maps a
 * partition of such a topic to its sub-topology by matching the patterns once per topic (cached), and a task's
 * source node is found the same way when the partition first reaches it (ProcessorTopology#source).
 */
public final class TopologyMetadata {
    private final String applicationId;
    private final Map<Integer, Subtopology> subtopologies = new TreeMap<>();
    private final Map<String, Integer> subtopologyByTopic = new HashMap<>();
    private final Map<String, Integer> subtopologyByPatternSource = new HashMap<>();
    /** Topics read by pattern, by the sub-topology reading them: filled as partitions are mapped to tasks. */
    private final Map<String, Integer> subtopologyByMatchedTopic = new ConcurrentHashMap<>();
    private volatile Map<String, Set<String>> lastPatternMatches = Map.of();
    private final Set<String> internalTopics = new LinkedHashSet<>();
    /** The sub-topology whose store restores from each changelog topic (a source topic, for a read-only store). */
    private final Map<String, Integer> subtopologyByChangelog = new HashMap<>();
    private final InternalTopologyBuilder builder;
    private final boolean hasGlobalStores;
    private Map<String, Integer> partitionCounts = Map.of();
    private Map<String, InternalTopicConfig> repartitionTopics = Map.of();

    /** One sub-topology as the runtime sees it. */
    public record Subtopology(int id, Set<String> sourceTopics, List<Pattern> sourcePatterns, Set<String> sinkTopics,
        Map<String, StoreBuilder<?>> loggedStores, Map<String, String> sourceChangelogs) {
        /**
         * Copies; {@code sourceTopics} are the named ones, {@code sourcePatterns} those of its pattern sources,
         * {@code sourceChangelogs} the read-only stores with the source topic that is each one's changelog.
         */
        public Subtopology {
            sourceTopics = Collections.unmodifiableSet(new LinkedHashSet<>(sourceTopics));
            sourcePatterns = List.copyOf(sourcePatterns);
            sinkTopics = Collections.unmodifiableSet(new LinkedHashSet<>(sinkTopics));
            loggedStores = Collections.unmodifiableMap(new LinkedHashMap<>(loggedStores));
            sourceChangelogs = Collections.unmodifiableMap(new LinkedHashMap<>(sourceChangelogs));
        }
    }

    /** Reads the plan of {@code builder}, whose application id must already be set. */
    public TopologyMetadata(InternalTopologyBuilder builder, String applicationId) {
        this.applicationId = applicationId;
        this.builder = builder;
        boolean globals = false;
        for (Map.Entry<Integer, Set<String>> group : builder.nodeGroups().entrySet()) {
            if (builder.isGlobalGroup(group.getValue())) {
                globals = true;
                continue;
            }
            Set<String> sinks = new LinkedHashSet<>();
            for (String name : group.getValue()) {
                NodeFactory node = builder.nodes().get(name);
                if (node instanceof SinkNodeFactory sink && sink.topic() != null) {
                    sinks.add(builder.decorateTopic(sink.topic()));
                }
            }
            Map<String, StoreBuilder<?>> logged = new LinkedHashMap<>();
            Map<String, String> sourceChangelogs = new LinkedHashMap<>();
            for (Map.Entry<String, StoreBuilder<?>> store
                : builder.buildSubtopology(group.getKey()).storeBuilders().entrySet()) {
                String sourceChangelog = builder.sourceChangelogTopics().get(store.getKey());
                if (sourceChangelog != null) {
                    sourceChangelogs.put(store.getKey(), sourceChangelog);
                } else if (store.getValue().loggingEnabled() && !builder.isGlobalStore(store.getKey())) {
                    logged.put(store.getKey(), store.getValue());
                }
            }
            Map<String, Pattern> patterns = builder.sourcePatterns(group.getValue());
            Subtopology subtopology = new Subtopology(group.getKey(), builder.sourceTopics(group.getValue()),
                List.copyOf(patterns.values()), sinks, logged, sourceChangelogs);
            subtopologies.put(group.getKey(), subtopology);
            for (String topic : subtopology.sourceTopics()) {
                subtopologyByTopic.put(topic, group.getKey());
            }
            for (String source : patterns.keySet()) {
                subtopologyByPatternSource.put(source, group.getKey());
            }
            for (String store : logged.keySet()) {
                subtopologyByChangelog.put(changelogTopic(store), group.getKey());
            }
            sourceChangelogs.values().forEach(topic -> subtopologyByChangelog.put(topic, group.getKey()));
        }
        this.hasGlobalStores = globals;
        for (String topic : builder.internalTopics()) {
            internalTopics.add(builder.decorateTopic(topic));
        }
    }

    /** Returns the application id. */
    public String applicationId() {
        return applicationId;
    }

    /** Returns whether the topology has global stores (run by a {@code GlobalStreamThread}). */
    public boolean hasGlobalStores() {
        return hasGlobalStores;
    }

    /** Returns the sub-topologies by id. */
    public Map<Integer, Subtopology> subtopologies() {
        return Collections.unmodifiableMap(subtopologies);
    }

    /** Returns the named source topics of every sub-topology (what threads subscribe to without patterns). */
    public Set<String> sourceTopics() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(subtopologyByTopic.keySet()));
    }

    /**
     * Returns, if any source reads by pattern, the pattern stream threads subscribe with: any named source topic or
     * any source pattern. It may match internal topics too, which the assignment then leaves out.
     */
    public Optional<Pattern> subscriptionPattern() {
        if (subtopologyByPatternSource.isEmpty()) {
            return Optional.empty();
        }
        List<String> alternatives = new ArrayList<>();
        for (String topic : new TreeSet<>(subtopologyByTopic.keySet())) {
            alternatives.add(Pattern.quote(topic));
        }
        for (Subtopology subtopology : subtopologies.values()) {
            for (Pattern pattern : subtopology.sourcePatterns()) {
                alternatives.add("(?:" + pattern.pattern() + ")");
            }
        }
        return Optional.of(Pattern.compile(String.join("|", alternatives)));
    }

    /**
     * Returns the source topics of each sub-topology among {@code topics} (the group's subscribed topics): its
     * named topics, and those of {@code topics} its patterns match now. Called on every rebalance.
     *
     * @throws TopologyException if two sources' patterns match one topic
     */
    public Map<Integer, Set<String>> sourceTopicsBySubtopology(Collection<String> topics) {
        Map<String, Set<String>> matches;
        synchronized (builder) {
            matches = builder.patternMatches(topics);
        }
        lastPatternMatches = Map.copyOf(matches);
        Map<Integer, Set<String>> sources = new TreeMap<>();
        for (Subtopology subtopology : subtopologies.values()) {
            sources.put(subtopology.id(), new LinkedHashSet<>(subtopology.sourceTopics()));
        }
        matches.forEach((source, matched) -> sources.get(subtopologyByPatternSource.get(source)).addAll(matched));
        return sources;
    }

    /** Returns the source topics of a sub-topology: named ones, and those its patterns matched when last resolved. */
    public Set<String> sourceTopics(int subtopologyId) {
        Set<String> topics = new LinkedHashSet<>(subtopologies.get(subtopologyId).sourceTopics());
        lastPatternMatches.forEach((source, matched) -> {
            if (subtopologyByPatternSource.get(source) == subtopologyId) {
                topics.addAll(matched);
            }
        });
        return topics;
    }

    /** Returns the internal (repartition) topics, decorated. */
    public Set<String> internalTopics() {
        return Collections.unmodifiableSet(internalTopics);
    }

    /** Returns the changelog topic of {@code storeName}. */
    public String changelogTopic(String storeName) {
        return InternalStateStoreContext.changelogTopic(applicationId, storeName);
    }

    /** Returns the changelog partition (or, for a read-only store, the source partition) of each logged store. */
    public Map<String, TopicPartition> changelogsOf(TaskId id) {
        Subtopology subtopology = subtopologies.get(id.subtopology());
        Map<String, TopicPartition> changelogs = new LinkedHashMap<>();
        if (subtopology != null) {
            for (String store : subtopology.loggedStores().keySet()) {
                changelogs.put(store, new TopicPartition(changelogTopic(store), id.partition()));
            }
            // A read-only store restores from its source topic, partitioned like the task (KIP-813).
            subtopology.sourceChangelogs().forEach((store, topic) ->
                changelogs.put(store, new TopicPartition(topic, id.partition())));
        }
        return changelogs;
    }

    /** Returns the task whose store restores from {@code changelog}, or {@code null} if no store does. */
    public TaskId taskOfChangelog(TopicPartition changelog) {
        Integer subtopology = subtopologyByChangelog.get(changelog.topic());
        return subtopology == null ? null : new TaskId(subtopology, changelog.partition());
    }

    /** Returns the task a source partition belongs to. */
    public TaskId taskFor(TopicPartition partition) {
        Integer subtopology = subtopologyByTopic.get(partition.topic());
        if (subtopology == null) {
            subtopology = subtopologyByMatchedTopic.computeIfAbsent(partition.topic(), this::matchingSubtopology);
        }
        return new TaskId(subtopology, partition.partition());
    }

    private Integer matchingSubtopology(String topic) {
        Set<String> sources;
        synchronized (builder) {
            sources = builder.patternMatches(List.of(topic)).keySet();
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("Topic " + topic + " is not a source of the topology");
        }
        return subtopologyByPatternSource.get(sources.iterator().next());
    }

    /**
     * Computes the partition count of every internal topic from the existing topics' counts and checks the
     * co-partition groups (through {@link InternalTopologyBuilder#checkCopartitioning}). Pattern sources read the
     * existing topics they match; a pattern that matches none is not an error.
     *
     * @param existing the partition count of every existing topic, by name
     * @return the partition count of every source topic, repartition topic and changelog, by topic
     * @throws MissingSourceTopicException if a named source topic is missing
     * @throws TopologyException if co-partitioned topics differ in partition count, or two patterns match a topic
     */
    public Map<String, Integer> resolvePartitions(Map<String, Integer> existing) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String topic : subtopologyByTopic.keySet()) {
            if (!internalTopics.contains(topic)) {
                Integer count = existing.get(topic);
                if (count == null) {
                    missing.add(topic);
                } else {
                    counts.put(topic, count);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingSourceTopicException("Source topics " + missing + " do not exist; create them before"
                + " starting the application");
        }
        Map<String, InternalTopicConfig> repartition;
        synchronized (builder) {
            Map<String, Set<String>> matches = builder.patternMatches(existing.keySet());
            lastPatternMatches = Map.copyOf(matches);
            matches.values().forEach(topics -> topics.forEach(topic -> counts.put(topic, existing.get(topic))));
            repartition = builder.checkCopartitioning(counts, matches);
        }
        for (InternalTopicConfig topic : repartition.values()) {
            counts.put(topic.name(), topic.numberOfPartitions());
        }
        this.repartitionTopics = Map.copyOf(repartition);
        for (Subtopology subtopology : subtopologies.values()) {
            // A pattern that matches nothing yet still needs its changelogs: one partition, one task, for now.
            int tasks = Math.max(1, maxCount(sourceTopics(subtopology.id()), counts));
            for (String store : subtopology.loggedStores().keySet()) {
                counts.put(changelogTopic(store), tasks);
            }
        }
        this.partitionCounts = Map.copyOf(counts);
        return partitionCounts;
    }

    /** Returns the repartition topics found by the last {@link #resolvePartitions}, by full name. */
    public Map<String, InternalTopicConfig> repartitionTopics() {
        return repartitionTopics;
    }

    private static int maxCount(Collection<String> topics, Map<String, Integer> counts) {
        int max = -1;
        for (String topic : topics) {
            max = Math.max(max, counts.getOrDefault(topic, -1));
        }
        return max;
    }

    /** Returns the partition counts found by the last {@link #resolvePartitions}. */
    public Map<String, Integer> partitionCounts() {
        return partitionCounts;
    }

    /** Returns the input partitions of a task among {@code assigned}. */
    public Set<TopicPartition> partitionsOf(TaskId task, Collection<TopicPartition> assigned) {
        Set<TopicPartition> result = new LinkedHashSet<>();
        for (TopicPartition tp : assigned) {
            if (taskFor(tp).equals(task)) {
                result.add(tp);
            }
        }
        return result;
    }
}
