package dev.runnel.streams.internal.graph;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.AutoOffsetReset;
import dev.runnel.streams.TopologyDescription;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.internal.runtime.ProcessorNode;
import dev.runnel.streams.internal.runtime.ProcessorTopology;
import dev.runnel.streams.internal.runtime.SourceNode;
import dev.runnel.streams.internal.state.DslStoreChoice;
import dev.runnel.streams.internal.state.SessionStoreBuilder;
import dev.runnel.streams.internal.state.SessionStoreWithHeadersBuilder;
import dev.runnel.streams.internal.state.TimestampedKeyValueStoreBuilder;
import dev.runnel.streams.internal.state.TimestampedKeyValueStoreWithHeadersBuilder;
import dev.runnel.streams.internal.state.TypedWindowStoreBuilder;
import dev.runnel.streams.internal.state.VersionedKeyValueStoreBuilder;
import dev.runnel.streams.internal.state.WindowStoreBuilder;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.processor.TimestampExtractor;
import dev.runnel.streams.processor.TopicNameExtractor;
import dev.runnel.streams.internal.runtime.FixedKeyProcessorAdapter;
import dev.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.ProcessorWrapper;
import dev.runnel.streams.state.StoreBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The topology plan behind {@link dev.runnel.streams.Topology} and the DSL: nodes, stores, topics, and the split into
 * sub-topologies. Every add method validates at once and throws {@link TopologyException} naming the problem.
 * {@link #buildSubtopology(int)} instantiates one sub-topology for one task. Not thread-safe; built by one thread,
 * then only read.
 */
/*
 * Implementation notes. This class keeps the nodes and validates them; topic bookkeeping lives in TopicRegistry, store
 * bookkeeping in StoreRegistry, and the split into sub-topologies (see its notes) in NodeGroups.
 */
public final class InternalTopologyBuilder {
    private final Map<String, NodeFactory> nodes = new LinkedHashMap<>();
    private final StoreRegistry stores = new StoreRegistry();
    private final TopicRegistry topics = new TopicRegistry();
    private final List<Copartitioning.CopartitionGroup> copartitionGroups = new ArrayList<>();
    private final DslStoreChoice dslStoreChoice = new DslStoreChoice();
    private ProcessorWrapper processorWrapper = new NoOpProcessorWrapper();
    private final DeferredFailures failures = new DeferredFailures();

    /**
     * Makes the additions from now on keep their first failure for {@link #throwDeferredFailure} (while the DSL adds,
     * as Kafka Streams' DSL fails in build), or fail at once again (the processor API).
     */
    public void deferFailures(boolean defer) {
        failures.defer(defer);
    }

    /** Throws the first failure of an addition made while deferring, if any. */
    public void throwDeferredFailure() {
        failures.throwFirst();
    }

    /** Returns where the DSL stores of this topology get their suppliers from. */
    public DslStoreChoice dslStoreChoice() {
        return dslStoreChoice;
    }

    /** Wraps every processor added from now on with {@code wrapper} ({@code processor.wrapper.class}). */
    public void processorWrapper(ProcessorWrapper wrapper) {
        this.processorWrapper = Objects.requireNonNull(wrapper, "wrapper");
    }

    /** Adds a source node that resets as {@code auto.offset.reset} says. */
    public void addSource(String name, TimestampExtractor timestampExtractor, Deserializer<?> keyDeserializer,
        Deserializer<?> valueDeserializer, String... topics) {
        addSource(name, null, timestampExtractor, keyDeserializer, valueDeserializer, topics);
    }

    /** Adds a source node with its own offset reset policy ({@code null}: {@code auto.offset.reset}). */
    public void addSource(String name, AutoOffsetReset offsetReset, TimestampExtractor timestampExtractor,
        Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer, String... topics) {
        failures.run(() -> {
            requireNewName(name);
            this.topics.addNamedSource(name, offsetReset, topics);
            nodes.put(name, new SourceNodeFactory(name, Arrays.asList(topics), null, timestampExtractor,
                keyDeserializer, valueDeserializer));
        });
    }

    /**
     * Adds a source node reading every topic whose whole name {@code topicPattern} matches, now or once created,
     * except the application's internal topics; {@code offsetReset} may be null ({@code auto.offset.reset}).
     *
     * @throws TopologyException if the pattern matches a topic another source names, or another source has the same
     *     pattern
     */
    public void addSource(String name, AutoOffsetReset offsetReset, TimestampExtractor timestampExtractor,
        Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer, Pattern topicPattern) {
        failures.run(() -> {
            Objects.requireNonNull(topicPattern, "topicPattern cannot be null");
            requireNewName(name);
            topics.addPatternSource(name, offsetReset, topicPattern);
            nodes.put(name, new SourceNodeFactory(name, List.of(), topicPattern, timestampExtractor, keyDeserializer,
                valueDeserializer));
        });
    }

    /**
     * Returns, for each pattern source, the topics among {@code topics} its pattern matches, leaving out the
     * application's internal topics (repartition topics, changelogs) and the log's own ({@code __...}).
     *
     * @throws TopologyException if two patterns match one topic
     */
    public Map<String, Set<String>> patternMatches(Collection<String> topicNames) {
        return topics.patternMatches(topicNames, stores.names());
    }

    /**
     * Returns where a partition of {@code topic} without a valid committed offset starts: the policy of the source
     * that names it, else earliest for the application's internal topics (their records are all the application's
     * own), else the policy of the pattern source that matches it, else empty for the {@code auto.offset.reset}
     * config.
     */
    public Optional<AutoOffsetReset> offsetResetPolicy(String topic) {
        return topics.offsetResetPolicy(topic, stores.names());
    }

    /**
     * Adds a processor node under {@code parentNames}, its supplier wrapped by the processor wrapper, plus the stores
     * the wrapped supplier provides.
     */
    public void addProcessor(String name, ProcessorSupplier<?, ?, ?, ?> supplier, String... parentNames) {
        failures.run(() -> {
            requireNewName(name);
            Objects.requireNonNull(supplier, "processorSupplier cannot be null");
            requireParents(name, parentNames);
            checkSupplier(supplier);
            addWrapped(name, processorWrapper.wrapProcessorSupplier(name, supplier), supplier, parentNames);
        });
    }

    /** Like {@link #addProcessor}, for a fixed-key processor; it runs as an ordinary processor node. */
    public void addFixedKeyProcessor(String name, FixedKeyProcessorSupplier<?, ?, ?> supplier, String... parentNames) {
        failures.run(() -> {
            requireNewName(name);
            Objects.requireNonNull(supplier, "processorSupplier cannot be null");
            requireParents(name, parentNames);
            checkSupplier(supplier);
            addWrapped(name, new FixedKeyProcessorAdapter<>(processorWrapper.wrapFixedKeyProcessorSupplier(name,
                supplier)), supplier, parentNames);
        });
    }

    private void addWrapped(String name, ProcessorSupplier<?, ?, ?, ?> supplier, Object operator,
        String... parentNames) {
        nodes.put(name, new ProcessorNodeFactory(name, Arrays.asList(parentNames), supplier, operator));
        Set<StoreBuilder<?>> provided = supplier.stores();
        if (provided != null) {
            for (StoreBuilder<?> store : provided) {
                addStateStore(store, name);
            }
        }
    }

    /** Adds a sink writing to a fixed topic or to the topic {@code topicNameExtractor} picks. */
    public void addSink(String name, String topic, TopicNameExtractor<?, ?> topicNameExtractor,
        Serializer<?> keySerializer, Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner,
        String... parentNames) {
        failures.run(() -> {
            requireNewName(name);
            requireParents(name, parentNames);
            nodes.put(name, new SinkNodeFactory(name, Arrays.asList(parentNames), topic, topicNameExtractor,
                keySerializer, valueSerializer, partitioner));
        });
    }

    /** Adds a store and connects it to the named processors. */
    public void addStateStore(StoreBuilder<?> storeBuilder, String... processorNames) {
        failures.run(() -> {
            Objects.requireNonNull(storeBuilder, "storeBuilder cannot be null");
            stores.addLocal(storeBuilder);
            if (processorNames != null) {
                // as in Kafka Streams, no array is no processors
                for (String processorName : processorNames) {
                    Objects.requireNonNull(processorName, "processor cannot not be null");
                }
                connectProcessorAndStateStores(processorNames, storeBuilder.name());
            }
        });
    }

    /** Connects existing stores to an existing processor. */
    public void connectProcessorAndStateStores(String processorName, String... storeNames) {
        failures.run(() -> {
            Objects.requireNonNull(processorName, "processorName cannot be null");
            Objects.requireNonNull(storeNames, "stateStoreNames cannot be a null array");
            NodeFactory node = nodes.get(processorName);
            if (node instanceof SourceNodeFactory || node instanceof SinkNodeFactory) {
                throw new TopologyException("State stores cannot be connect to sources or sinks.");
            }
            for (String storeName : storeNames) {
                Objects.requireNonNull(storeName, "state store name cannot be null");
                connectProcessorAndStateStores(new String[] {processorName}, storeName);
            }
        });
    }

    private void connectProcessorAndStateStores(String[] processorNames, String storeName) {
        for (String processorName : processorNames) {
            stores.requireConnectable(storeName);
            if (!(nodes.get(processorName) instanceof ProcessorNodeFactory processor)) {
                throw new TopologyException(nodes.containsKey(processorName)
                    ? "cannot connect a state store " + storeName + " to a source node or a sink node."
                    : "Processor " + processorName + " is not added yet.");
            }
            processor.connect(storeName);
        }
    }

    /**
     * Adds a global store: a source on {@code topic} and a processor that keeps the store up to date. Every task can
     * read the store without connecting it.
     */
    public void addGlobalStore(StoreBuilder<?> storeBuilder, String sourceName, TimestampExtractor timestampExtractor,
        Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer, String topic, String processorName,
        ProcessorSupplier<?, ?, ?, ?> stateUpdateSupplier) {
        failures.run(() -> {
            Objects.requireNonNull(storeBuilder, "storeBuilder cannot be null");
            Objects.requireNonNull(sourceName, "name cannot be null");
            Objects.requireNonNull(topic, "topic cannot be null");
            Objects.requireNonNull(processorName, "name cannot be null");
            Objects.requireNonNull(stateUpdateSupplier, "stateUpdateSupplier cannot be null");
            if (sourceName.equals(processorName)) {
                throw new TopologyException("sourceName and processorName must be different.");
            }
            stores.requireUnused(storeBuilder.name());
            requireNewName(processorName);
            addSource(sourceName, timestampExtractor, keyDeserializer, valueDeserializer, topic);
            topics.addGlobalTopic(topic);
            checkSupplier(stateUpdateSupplier);
            // the topic is the store's changelog: Kafka Streams turns the store's own logging off
            storeBuilder.withLoggingDisabled();
            ProcessorNodeFactory processor = new ProcessorNodeFactory(processorName, List.of(sourceName),
                processorWrapper.wrapProcessorSupplier(processorName, stateUpdateSupplier), stateUpdateSupplier);
            nodes.put(processorName, processor);
            stores.addGlobal(storeBuilder);
            processor.connect(storeBuilder.name());
        });
    }

    /**
     * Adds a read-only store (KIP-813): a source on {@code topic} and a processor that keeps the store up to date. The
     * store is an ordinary local store of that sub-topology, partitioned like {@code topic}, which also serves as its
     * changelog: logging is disabled on {@code storeBuilder}, and the store restores from {@code topic}, replaying its
     * records as they are. Other processors of the sub-topology may connect to the store and read it, not write it.
     */
    public void addReadOnlyStateStore(StoreBuilder<?> storeBuilder, String sourceName,
        TimestampExtractor timestampExtractor, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
        String topic, String processorName, ProcessorSupplier<?, ?, ?, ?> stateUpdateSupplier) {
        failures.run(() -> {
            Objects.requireNonNull(storeBuilder, "storeBuilder cannot be null");
            Objects.requireNonNull(sourceName, "name cannot be null");
            Objects.requireNonNull(topic, "topic names cannot be null");
            Objects.requireNonNull(processorName, "name cannot be null");
            Objects.requireNonNull(stateUpdateSupplier, "processorSupplier cannot be null");
            if (Objects.equals(sourceName, processorName)) {
                throw new TopologyException("sourceName and processorName must be different.");
            }
            stores.requireUnused(storeBuilder.name());
            requireRestorableFromTopic(storeBuilder, topic);
            storeBuilder.withLoggingDisabled();
            addSource(sourceName, timestampExtractor, keyDeserializer, valueDeserializer, topic);
            addProcessor(processorName, stateUpdateSupplier, sourceName);
            addStateStore(storeBuilder, processorName);
            stores.markReadOnly(storeBuilder.name(), topic, processorName);
        });
    }

    /**
     * Refuses stores whose bytes differ from the topic's records: a read-only store restores from its topic as it is,
     * so a timestamped (with or without headers), windowed, session or versioned store would come back in the wrong
     * format.
     */
    private static void requireRestorableFromTopic(StoreBuilder<?> storeBuilder, String topic) {
        List<Class<?>> otherFormats = List.of(TimestampedKeyValueStoreBuilder.class,
            TimestampedKeyValueStoreWithHeadersBuilder.class, WindowStoreBuilder.class, TypedWindowStoreBuilder.class,
            SessionStoreBuilder.class, SessionStoreWithHeadersBuilder.class, VersionedKeyValueStoreBuilder.class);
        if (otherFormats.stream().anyMatch(type -> type.isInstance(storeBuilder))) {
            throw new TopologyException("Read-only state store " + storeBuilder.name() + " must be a plain key-value"
                + " store (Stores.keyValueStoreBuilder): it is restored from topic " + topic + "'s records as they are,"
                + " and Runnel does not convert them to a " + storeBuilder.getClass().getSimpleName() + "'s format");
        }
    }

    /**
     * Makes source topic {@code topic} the changelog of local store {@code storeName} (the
     * {@code reuse.ktable.source.topics} optimization): logging is disabled, so no changelog topic is created or
     * written, and the store restores from {@code topic} up to the committed offset of the task's partition.
     */
    public void connectSourceStoreAndTopic(String storeName, String topic) {
        failures.run(() -> {
            stores.builder(storeName).withLoggingDisabled();
            stores.useSourceTopicAsChangelog(storeName, topic);
        });
    }

    /** Returns, for each read-only store and each store reusing its source topic, that topic (its changelog). */
    public Map<String, String> sourceChangelogTopics() {
        return stores.sourceChangelogTopics();
    }

    /** Marks {@code topic} as internal (a repartition topic): the runtime creates it, prefixed with the app id. */
    public void addInternalTopic(String topic) {
        topics.addInternalTopic(topic, null);
    }

    /**
     * Marks {@code topic} as an internal repartition topic with a fixed number of partitions ({@code null}: resolved
     * at start from the upstream source topics, see {@link #checkCopartitioning}).
     */
    public void addInternalTopic(String topic, Integer numberOfPartitions) {
        topics.addInternalTopic(topic, numberOfPartitions);
    }

    /** Returns the rewriter of this topology's nodes, for the optimizer. */
    public TopologyRewriter rewriter() {
        return new TopologyRewriter(nodes, stores, topics);
    }

    /**
     * Requires the source topics upstream of {@code nodeNames} (the inputs of one join) to have the same number of
     * partitions; {@link #checkCopartitioning} checks it. {@code description} names the join in error messages.
     */
    public void copartition(Set<String> nodeNames, String description) {
        copartitionGroups.add(new Copartitioning.CopartitionGroup(nodeNames, description));
    }

    /**
     * Resolves the internal topics the runtime must create and checks co-partitioning: call it at start, before
     * creating tasks, with the partition count of every external source topic (global topics may be omitted).
     *
     * @return the internal topics by full name ({@code <application.id>-<name>}), with their partition counts and
     *     topic configs
     * @throws TopologyException "Invalid topology: Topics not co-partitioned: [left=2, right=3] ..." if the inputs of a
     *     join have different partition counts
     * @throws IllegalArgumentException if the count of a source topic is missing
     */
    public Map<String, InternalTopicConfig> checkCopartitioning(Map<String, Integer> sourceTopicPartitions,
        Map<String, Set<String>> patternMatches) {
        Map<String, Integer> counts = new Copartitioning(this, patternMatches).resolve(sourceTopicPartitions,
            topics.internalTopicPartitions(), topics.internalTopics(), copartitionGroups);
        Map<String, InternalTopicConfig> configs = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            String name = decorateTopic(entry.getKey());
            configs.put(name, new InternalTopicConfig(name, entry.getValue(),
                InternalTopicConfig.REPARTITION_TOPIC_CONFIGS));
        }
        return configs;
    }

    /** Returns the internal topics' names as the topology uses them (without the application id prefix). */
    public Set<String> internalTopics() {
        return topics.internalTopics();
    }

    /** Returns the external source topics: named ones and those the patterns matched ({@code patternMatches}). */
    Set<String> externalSourceTopics(Map<String, Set<String>> patternMatches) {
        return topics.externalSourceTopics(patternMatches);
    }

    /** Returns the source topics of the sub-topologies that write {@code topic}. */
    Set<String> sourceTopicsWriting(String topic, Map<String, Set<String>> patternMatches) {
        Set<String> writers = new LinkedHashSet<>();
        for (NodeFactory node : nodes.values()) {
            if (node instanceof SinkNodeFactory sink && topic.equals(sink.topic())) {
                writers.addAll(upstreamSourceTopics(sink.name(), patternMatches));
            }
        }
        return writers;
    }

    /**
     * Returns the topics of the source nodes {@code nodeName} descends from within its sub-topology; a pattern
     * source contributes the topics {@code patternMatches} gives it.
     */
    Set<String> upstreamSourceTopics(String nodeName, Map<String, Set<String>> patternMatches) {
        Set<String> upstream = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(List.of(nodeName));
        Set<String> seen = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            NodeFactory node = nodes.get(pending.remove(pending.size() - 1));
            if (node == null || !seen.add(node.name())) {
                continue;
            }
            if (node instanceof SourceNodeFactory source) {
                upstream.addAll(source.topics());
                upstream.addAll(patternMatches.getOrDefault(source.name(), Set.of()));
            }
            pending.addAll(node.predecessors());
        }
        return upstream;
    }

    /** Sets the application id, which prefixes internal topic names from now on. */
    public void setApplicationId(String applicationId) {
        topics.setApplicationId(applicationId);
    }

    /** Returns {@code topic} as the runtime names it: internal topics get the {@code <application.id>-} prefix. */
    public String decorateTopic(String topic) {
        return topics.decorateTopic(topic);
    }

    private void requireNewName(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        if (nodes.containsKey(name)) {
            throw new TopologyException("Processor " + name + " is already added.");
        }
    }

    /** Checks the parents of a new processor or sink, with Kafka Streams 4.3's messages (its typo included). */
    private void requireParents(String name, String... parentNames) {
        Objects.requireNonNull(parentNames, "predecessorNames cannot be a null array");
        if (parentNames.length == 0) {
            throw new TopologyException("predecessorNames cannot be empty");
        }
        for (String parent : parentNames) {
            Objects.requireNonNull(parent, "parent name cannot be null");
            if (parent.equals(name)) {
                throw new TopologyException("Parent node " + parent + " is unknown (self-reference).");
            }
            NodeFactory node = nodes.get(parent);
            if (node == null) {
                throw new TopologyException("Parent node " + parent + " is unknown.");
            }
            if (node instanceof SinkNodeFactory) {
                throw new TopologyException("Sink " + parent + " cannot be used a parent.");
            }
        }
    }

    private static void checkSupplier(Supplier<?> supplier) {
        if (supplier.get() == supplier.get()) {
            String supplierClass = supplier.getClass().getName();
            throw new IllegalArgumentException(supplierClass + " generates single reference. " + supplierClass
                + "#get() must return a new object each time it is called.");
        }
    }

    /** Returns the nodes in the order they were added (parents before children). */
    public Map<String, NodeFactory> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    /** Returns the history retention in ms of {@code storeName} if it is a versioned store, else empty. */
    public OptionalLong historyRetentionMs(String storeName) {
        return stores.builder(storeName) instanceof VersionedKeyValueStoreBuilder<?, ?> versioned
            ? OptionalLong.of(versioned.historyRetentionMs()) : OptionalLong.empty();
    }

    /** Returns whether {@code storeName} is a global store. */
    public boolean isGlobalStore(String storeName) {
        return stores.isGlobal(storeName);
    }

    /** Returns the topics of global stores. */
    public Set<String> globalTopics() {
        return topics.globalTopics();
    }

    /** Returns the names of the local and global stores. */
    public Set<String> storeNames() {
        return stores.names();
    }

    /** Whether local store {@code storeName} writes a changelog topic of its own. */
    public boolean isLogged(String storeName) {
        return stores.builder(storeName).loggingEnabled();
    }

    /** Returns, for each local (not global) store, the id of the sub-topology that holds it. */
    public Map<String, Integer> storeSubtopologies() {
        Map<String, Integer> subtopologies = new HashMap<>();
        nodeGroups().forEach((id, group) -> {
            for (String name : group) {
                if (nodes.get(name) instanceof ProcessorNodeFactory processor) {
                    for (String store : processor.stores()) {
                        if (stores.isLocal(store)) {
                            subtopologies.put(store, id);
                        }
                    }
                }
            }
        });
        return subtopologies;
    }

    /**
     * Returns the node groups: id to node names (in insertion order). Global groups are included; see
     * {@link #isGlobalGroup}.
     */
    public Map<Integer, Set<String>> nodeGroups() {
        return NodeGroups.of(nodes);
    }

    /** Returns whether a node group is a global store's (reads a global topic). */
    public boolean isGlobalGroup(Set<String> group) {
        for (String name : group) {
            if (nodes.get(name) instanceof SourceNodeFactory source && source.pattern() == null
                && topics.globalTopics().containsAll(source.topics())) {
                return true;
            }
        }
        return false;
    }

    /** Returns the pattern sources of a node group: their patterns by source name. */
    public Map<String, Pattern> sourcePatterns(Set<String> group) {
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        for (String name : group) {
            if (nodes.get(name) instanceof SourceNodeFactory source && source.pattern() != null) {
                patterns.put(name, source.pattern());
            }
        }
        return patterns;
    }

    /** Returns the named source topics of a node group (decorated). */
    public Set<String> sourceTopics(Set<String> group) {
        Set<String> groupTopics = new LinkedHashSet<>();
        for (String name : group) {
            if (nodes.get(name) instanceof SourceNodeFactory source) {
                for (String topic : source.topics()) {
                    groupTopics.add(decorateTopic(topic));
                }
            }
        }
        return groupTopics;
    }

    /**
     * Instantiates node group {@code id} for one task: new processors from the suppliers, new stores from the builders.
     *
     * @throws IllegalArgumentException if there is no such group
     */
    public ProcessorTopology buildSubtopology(int id) {
        Set<String> group = nodeGroups().get(id);
        if (group == null) {
            throw new IllegalArgumentException("No sub-topology " + id);
        }
        Map<String, ProcessorNode<?, ?, ?, ?>> built = new LinkedHashMap<>();
        Map<String, StoreBuilder<?>> groupStores = new LinkedHashMap<>();
        Map<String, ProcessorNode<?, ?, ?, ?>> sourceByDecoratedTopic = new LinkedHashMap<>();
        List<SourceNode<?, ?>> patternSourceNodes = new ArrayList<>();
        for (String name : group) {
            NodeFactory factory = nodes.get(name);
            ProcessorNode<?, ?, ?, ?> node = factory.build();
            built.put(name, node);
            for (String predecessor : factory.predecessors()) {
                built.get(predecessor).addChild(node);
            }
            if (factory instanceof SourceNodeFactory source) {
                for (String topic : source.topics()) {
                    sourceByDecoratedTopic.put(decorateTopic(topic), node);
                }
                if (source.pattern() != null) {
                    patternSourceNodes.add((SourceNode<?, ?>) node);
                }
            } else if (factory instanceof ProcessorNodeFactory processor) {
                for (String store : processor.stores()) {
                    groupStores.put(store, stores.builder(store));
                }
            } else if (factory instanceof SinkNodeFactory sink && sink.topic() != null) {
                ((dev.runnel.streams.internal.runtime.SinkNode<?, ?>) node).decorateTopic(decorateTopic(sink.topic()));
            }
        }
        Map<String, String> readOnlyUpdaters = new LinkedHashMap<>(stores.readOnlyStoreUpdaters());
        readOnlyUpdaters.keySet().retainAll(groupStores.keySet());
        return new ProcessorTopology(List.copyOf(built.values()), sourceByDecoratedTopic, patternSourceNodes,
            groupStores, isGlobalGroup(group), readOnlyUpdaters);
    }

    /** Returns the description of the plan as it is now. */
    public TopologyDescription describe() {
        return TopologyDescriptionImpl.of(this);
    }
}
