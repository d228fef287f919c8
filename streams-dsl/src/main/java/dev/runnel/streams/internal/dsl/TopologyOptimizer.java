package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.graph.TopologyRewriter;
import dev.runnel.streams.internal.graph.NodeFactory;
import dev.runnel.streams.internal.graph.SourceNodeFactory;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies the rules {@code topology.optimization} enables, as Kafka Streams does when {@code StreamsBuilder#build}
 * is given properties: while the DSL builds, it records what a rule may rewrite; {@link #optimize} rewrites the plan.
 * Each rule is applied at most once. Not thread-safe; owned by its DSL builder.
 */
public final class TopologyOptimizer {
    private final InternalStreamsBuilder builder;
    /** Source tables' stores, with the topic each is read from. */
    private final Map<String, String> tableSources = new LinkedHashMap<>();
    private final Set<String> keyChangingNodes = new HashSet<>();
    private final Set<String> valueChangingNodes = new HashSet<>();
    /** The repartitions before groupings and joins, which may be merged; not those of KStream#repartition. */
    private final List<Repartition> repartitions = new ArrayList<>();
    /** Inner joins of a stream with itself, which one store can serve. */
    private final List<SelfJoin> selfJoins = new ArrayList<>();
    private final Set<String> applied = new LinkedHashSet<>();

    /** A repartition topic written by the null-key filter under node {@code parent}, with its serdes (may be null). */
    private record Repartition(String parent, String topic, Serde<?> keySerde, Serde<?> valueSerde) {
    }

    /**
     * A stream-stream inner join of a stream with itself: the nodes and store a single-store join drops, and the
     * processor that replaces them under the join's this-side window node.
     */
    private record SelfJoin(List<String> removedNodes, String removedStore, String name,
        ProcessorSupplier<?, ?, ?, ?> supplier, String parent, String store) {
    }

    TopologyOptimizer(InternalStreamsBuilder builder) {
        this.builder = builder;
    }

    /** Records a source table: store {@code storeName} filled from {@code topic}. */
    void addTableSource(String storeName, String topic) {
        tableSources.put(storeName, topic);
    }

    /** Records a node that may change keys (selectKey, map, flatMap, process...). */
    void addKeyChangingNode(String nodeName) {
        keyChangingNodes.add(nodeName);
    }

    /** Records a node that changes values only (mapValues, flatMapValues, processValues). */
    void addValueChangingNode(String nodeName) {
        valueChangingNodes.add(nodeName);
    }

    /** Records the repartition topic a grouping or join put after node {@code parent}. */
    void addRepartition(String parent, String topic, Serde<?> keySerde, Serde<?> valueSerde) {
        repartitions.add(new Repartition(parent, topic, keySerde, valueSerde));
    }

    /**
     * Records an inner join of a stream with itself: with {@code single.store.self.join}, processor {@code name}
     * (from {@code supplier}, under {@code parent}, reading {@code store}) replaces {@code removedNodes}, and
     * {@code removedStore} goes.
     */
    void addSelfJoin(List<String> removedNodes, String removedStore, String name,
        ProcessorSupplier<?, ?, ?, ?> supplier, String parent, String store) {
        selfJoins.add(new SelfJoin(removedNodes, removedStore, name, supplier, parent, store));
    }

    /**
     * Returns the rules a {@code topology.optimization} value enables: all for {@code all}, none for {@code none},
     * else those listed (the value is assumed valid, as {@link StreamsConfig} checks it).
     */
    public static Set<String> rules(String optimization) {
        Set<String> rules = new LinkedHashSet<>();
        for (String rule : optimization.split(",")) {
            String trimmed = rule.trim();
            if (StreamsConfig.OPTIMIZE.equals(trimmed)) {
                rules.addAll(Set.of(StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS, StreamsConfig.MERGE_REPARTITION_TOPICS,
                    StreamsConfig.SINGLE_STORE_SELF_JOIN));
            } else if (!StreamsConfig.NO_OPTIMIZATION.equals(trimmed)) {
                rules.add(trimmed);
            }
        }
        return rules;
    }

    /** Rewrites the plan with each of {@code rules} not applied yet. */
    public void optimize(Set<String> rules) {
        if (rules.contains(StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS)
            && applied.add(StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS)) {
            // The source topic is the store's changelog: it holds the same records (Kafka assumes it is compacted).
            tableSources.forEach(builder.topologyBuilder()::connectSourceStoreAndTopic);
        }
        if (rules.contains(StreamsConfig.MERGE_REPARTITION_TOPICS)
            && applied.add(StreamsConfig.MERGE_REPARTITION_TOPICS)) {
            mergeRepartitionTopics();
        }
        if (rules.contains(StreamsConfig.SINGLE_STORE_SELF_JOIN) && applied.add(StreamsConfig.SINGLE_STORE_SELF_JOIN)) {
            // Both sides would keep the same records: one window store serves the join (KIP-862).
            TopologyRewriter rewriter = builder.topologyBuilder().rewriter();
            for (SelfJoin join : selfJoins) {
                rewriter.replaceProcessors(join.removedNodes(), join.removedStore(), join.name(), join.supplier(),
                    join.parent(), join.store());
            }
        }
    }

    /**
     * Kafka's {@code merge.repartition.topics}: the repartitions whose nearest key- or value-changing upstream node is
     * the same key-changing node are replaced by one repartition right after that node, named after the first
     * repartition's topic; the operations between the node and each replaced repartition move behind it.
     */
    private void mergeRepartitionTopics() {
        Map<String, List<Repartition>> byKeyChanger = new LinkedHashMap<>();
        for (Repartition repartition : repartitions) {
            String keyChanger = keyChangingAncestor(repartition.parent());
            if (keyChanger != null) {
                byKeyChanger.computeIfAbsent(keyChanger, node -> new ArrayList<>()).add(repartition);
            }
        }
        // In the order of the key-changing nodes, so new names are generated as Kafka Streams generates them.
        for (String node : List.copyOf(builder.topologyBuilder().nodes().keySet())) {
            if (byKeyChanger.containsKey(node)) {
                merge(node, byKeyChanger.get(node));
            }
        }
    }

    /**
     * Returns the key-changing node reached first going up from {@code nodeName} (itself included), or {@code null} if
     * a value-changing node, a source or a node with several parents (a merge) comes first.
     */
    private String keyChangingAncestor(String nodeName) {
        Map<String, NodeFactory> nodes = builder.topologyBuilder().nodes();
        String current = nodeName;
        while (!keyChangingNodes.contains(current)) {
            NodeFactory node = nodes.get(current);
            if (valueChangingNodes.contains(current) || node == null || node.predecessors().size() != 1) {
                return null;
            }
            current = node.predecessors().get(0);
        }
        return current;
    }

    /** Returns the child of {@code keyChanger} that {@code nodeName} descends from (single-parent chain). */
    private String childOf(String keyChanger, String nodeName) {
        Map<String, NodeFactory> nodes = builder.topologyBuilder().nodes();
        String current = nodeName;
        while (!nodes.get(current).predecessors().get(0).equals(keyChanger)) {
            current = nodes.get(current).predecessors().get(0);
        }
        return current;
    }

    /** Returns the name of the source node reading {@code topic}. */
    private String sourceOf(String topic) {
        return builder.topologyBuilder().nodes().values().stream()
            .filter(node -> node instanceof SourceNodeFactory source && source.topics().contains(topic))
            .map(NodeFactory::name).findFirst().orElseThrow();
    }

    private void merge(String keyChanger, List<Repartition> merged) {
        InternalTopologyBuilder topology = builder.topologyBuilder();
        TopologyRewriter rewriter = topology.rewriter();
        Map<Repartition, String> oldSources = new LinkedHashMap<>();
        Map<Repartition, List<String>> readers = new LinkedHashMap<>();
        Map<Repartition, String> movedChildren = new LinkedHashMap<>();
        for (Repartition repartition : merged) {
            oldSources.put(repartition, sourceOf(repartition.topic()));
            readers.put(repartition, rewriter.successors(oldSources.get(repartition)));
            if (!repartition.parent().equals(keyChanger)) {
                movedChildren.put(repartition, childOf(keyChanger, repartition.parent()));
            }
        }
        // Removed first: a user-named first topic gives the new nodes the names of its old ones.
        merged.forEach(repartition -> rewriter.removeRepartitionTopic(repartition.topic()));
        Set<String> before = new HashSet<>(topology.nodes().keySet());
        String topic = merged.get(0).topic();
        String source = GroupedStreamAggregateBuilder.repartition(builder, keyChanger, topic,
            merged.stream().map(Repartition::keySerde).filter(Objects::nonNull).findFirst().orElse(null),
            merged.stream().map(Repartition::valueSerde).filter(Objects::nonNull).findFirst().orElse(null));
        List<String> added = topology.nodes().keySet().stream().filter(name -> !before.contains(name)).toList();
        for (Repartition repartition : merged) {
            String oldSource = oldSources.get(repartition);
            String readersParent = repartition.parent().equals(keyChanger) ? source : repartition.parent();
            readers.get(repartition).forEach(reader -> rewriter.replacePredecessor(reader, oldSource, readersParent));
            String moved = movedChildren.get(repartition);
            if (moved != null) {
                rewriter.replacePredecessor(moved, keyChanger, source);
            }
        }
        rewriter.moveAfter(keyChanger, added);
    }
}
