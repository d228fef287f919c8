package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.errors.TopologyException;
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
 * sub-topology's source topics, sink topics and logged stores, the internal topics, and the co-partition groups.
 * {@link #resolvePartitions} derives every internal topic's partition count from the source topics and checks
 * co-partitioning. Immutable after {@code resolvePartitions}; read by every stream thread.
 */
/*
 * Implementation notes. A repartition topic gets as many partitions as the largest source topic of the sub-topologies
 * writing to it, as in Kafka Streams; since those sources may themselves be repartition topics, counts are propagated
 * until nothing changes. A repartition topic in a co-partition group is raised to the group's largest count, so a
 * join after a key change lines up with the other side (counts only grow, so this ends). A changelog has as many partitions as its sub-topology has tasks.
 */
public final class TopologyMetadata {
    private final String applicationId;
    private final Map<Integer, Subtopology> subtopologies = new TreeMap<>();
    private final Map<String, Integer> subtopologyByTopic = new HashMap<>();
    private final Set<String> internalTopics = new LinkedHashSet<>();
    private final List<Set<String>> copartitionGroups = new ArrayList<>();
    private final boolean hasGlobalStores;
    private Map<String, Integer> partitionCounts = Map.of();

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
        for (Set<String> group : builder.copartitionGroups()) {
            Set<String> decorated = new LinkedHashSet<>();
            for (String topic : group) {
                decorated.add(builder.decorateTopic(topic));
            }
            copartitionGroups.add(decorated);
        }
    }

    /** Returns the application id. */
    public String applicationId() {
        return applicationId;
    }

    /** Returns whether the topology has global stores (not run by {@code KafkaStreams} yet). */
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

    /** Returns the co-partition groups, decorated. */
    public List<Set<String>> copartitionGroups() {
        return Collections.unmodifiableList(copartitionGroups);
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
     * co-partition groups.
     *
     * @param existing returns a topic's partition count, or -1 if it does not exist
     * @return the partition count of every source, sink-side internal topic and changelog, by topic
     * @throws TopologyException if a source topic is missing, or co-partitioned topics differ in partition count
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
            throw new TopologyException("Invalid topology: source topics " + missing + " do not exist; create them"
                + " before starting the application");
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Subtopology subtopology : subtopologies.values()) {
                int tasks = maxCount(subtopology.sourceTopics(), counts);
                if (tasks <= 0) {
                    continue;
                }
                for (String sink : subtopology.sinkTopics()) {
                    if (internalTopics.contains(sink) && counts.getOrDefault(sink, 0) < tasks) {
                        counts.put(sink, tasks);
                        changed = true;
                    }
                }
            }
            changed |= alignCopartitionedInternalTopics(counts);
        }
        for (String topic : internalTopics) {
            if (!counts.containsKey(topic)) {
                throw new TopologyException("Invalid topology: no sub-topology writes to internal topic " + topic
                    + ", so its partition count is unknown");
            }
        }
        checkCopartitioning(copartitionGroups, counts);
        for (Subtopology subtopology : subtopologies.values()) {
            int tasks = maxCount(subtopology.sourceTopics(), counts);
            for (String store : subtopology.loggedStores().keySet()) {
                counts.put(changelogTopic(store), tasks);
            }
        }
        this.partitionCounts = Map.copyOf(counts);
        return partitionCounts;
    }

    private boolean alignCopartitionedInternalTopics(Map<String, Integer> counts) {
        boolean changed = false;
        for (Set<String> group : copartitionGroups) {
            int target = maxCount(group, counts);
            for (String topic : group) {
                if (internalTopics.contains(topic) && target > 0 && counts.getOrDefault(topic, 0) < target) {
                    counts.put(topic, target);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /**
     * Checks that the topics of each co-partition group have the same partition count.
     *
     * @throws TopologyException naming the group and each topic's count
     */
    public static void checkCopartitioning(Collection<Set<String>> groups, Map<String, Integer> counts) {
        for (Set<String> group : groups) {
            Map<String, Integer> seen = new TreeMap<>();
            for (String topic : group) {
                Integer count = counts.get(topic);
                if (count != null) {
                    seen.put(topic, count);
                }
            }
            if (new LinkedHashSet<>(seen.values()).size() > 1) {
                throw new TopologyException("Invalid topology: topics not co-partitioned: " + seen
                    + ". Co-partitioned topics (the inputs of a join) must have the same number of partitions;"
                    + " repartition one side (KStream#repartition) or recreate the topics with equal counts");
            }
        }
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
