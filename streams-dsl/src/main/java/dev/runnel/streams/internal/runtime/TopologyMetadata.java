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
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * What the runtime needs to know of a topology, with topic names decorated for one application: each (non-global)
 * sub-topology's source topics, sink topics and logged stores, and the internal topics. {@link #resolvePartitions}
 * derives every internal topic's partition count from the source topics and checks co-partitioning (the topology
 * builder's rules); a changelog gets as many partitions as its sub-topology has tasks. Immutable after
 * {@code resolvePartitions}; read by every stream thread.
 */
public final class TopologyMetadata {
    private final String applicationId;
    private final Map<Integer, Subtopology> subtopologies = new TreeMap<>();
    private final Map<String, Integer> subtopologyByTopic = new HashMap<>();
    private final Set<String> internalTopics = new LinkedHashSet<>();
    private final InternalTopologyBuilder builder;
    private final boolean hasGlobalStores;
    private Map<String, Integer> partitionCounts = Map.of();
    private Map<String, InternalTopicConfig> repartitionTopics = Map.of();

    /** One sub-topology as the runtime sees it. */
    public record Subtopology(int id, Set<String> sourceTopics, Set<String> sinkTopics,
        Map<String, StoreBuilder<?>> loggedStores) {
        public Subtopology {
            sourceTopics = Collections.unmodifiableSet(new LinkedHashSet<>(sourceTopics));
            sinkTopics = Collections.unmodifiableSet(new LinkedHashSet<>(sinkTopics));
            loggedStores = Collections.unmodifiableMap(new LinkedHashMap<>(loggedStores));
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
            for (Map.Entry<String, StoreBuilder<?>> store
                : builder.buildSubtopology(group.getKey()).storeBuilders().entrySet()) {
                if (store.getValue().loggingEnabled() && !builder.isGlobalStore(store.getKey())) {
                    logged.put(store.getKey(), store.getValue());
                }
            }
            Subtopology subtopology = new Subtopology(group.getKey(), builder.sourceTopics(group.getValue()), sinks,
                logged);
            subtopologies.put(group.getKey(), subtopology);
            for (String topic : subtopology.sourceTopics()) {
                subtopologyByTopic.put(topic, group.getKey());
            }
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

    /** Returns the topics stream threads subscribe to: the source topics of every sub-topology. */
    public Set<String> sourceTopics() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(subtopologyByTopic.keySet()));
    }

    /** Returns the internal (repartition) topics, decorated. */
    public Set<String> internalTopics() {
        return Collections.unmodifiableSet(internalTopics);
    }

    /** Returns the changelog topic of {@code storeName}. */
    public String changelogTopic(String storeName) {
        return InternalStateStoreContext.changelogTopic(applicationId, storeName);
    }

    /** Returns the task a source partition belongs to. */
    public TaskId taskFor(TopicPartition partition) {
        Integer subtopology = subtopologyByTopic.get(partition.topic());
        if (subtopology == null) {
            throw new IllegalArgumentException("Topic " + partition.topic() + " is not a source of the topology");
        }
        return new TaskId(subtopology, partition.partition());
    }

    /**
     * Computes the partition count of every internal topic from the existing topics' counts and checks the
     * co-partition groups (through {@link InternalTopologyBuilder#checkCopartitioning}).
     *
     * @param existing returns a topic's partition count, or -1 if it does not exist
     * @return the partition count of every source topic, repartition topic and changelog, by topic
     * @throws MissingSourceTopicException if a source topic is missing
     * @throws TopologyException if co-partitioned topics differ in partition count
     */
    public Map<String, Integer> resolvePartitions(ToIntFunction<String> existing) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String topic : subtopologyByTopic.keySet()) {
            if (!internalTopics.contains(topic)) {
                int count = existing.applyAsInt(topic);
                if (count < 0) {
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
            repartition = builder.checkCopartitioning(counts);
        }
        for (InternalTopicConfig topic : repartition.values()) {
            counts.put(topic.name(), topic.numberOfPartitions());
        }
        this.repartitionTopics = Map.copyOf(repartition);
        for (Subtopology subtopology : subtopologies.values()) {
            int tasks = maxCount(subtopology.sourceTopics(), counts);
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
