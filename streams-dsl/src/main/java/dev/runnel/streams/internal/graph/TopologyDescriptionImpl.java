package dev.runnel.streams.internal.graph;

import dev.runnel.streams.TopologyDescription;
import dev.runnel.streams.processor.TopicNameExtractor;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The immutable snapshot behind {@link TopologyDescription}, printed in Kafka Streams' layout. */
final class TopologyDescriptionImpl implements TopologyDescription {
    /** Larger sub-trees first (sources before their descendants), then by name, as Kafka Streams orders nodes. */
    private static final Comparator<Node> NODE_ORDER = Comparator
        .comparingInt((Node node) -> -((AbstractNode) node).size)
        .thenComparing(Node::name);

    private final Set<Subtopology> subtopologies;
    private final Set<GlobalStore> globalStores;

    private TopologyDescriptionImpl(Set<Subtopology> subtopologies, Set<GlobalStore> globalStores) {
        this.subtopologies = Collections.unmodifiableSet(subtopologies);
        this.globalStores = Collections.unmodifiableSet(globalStores);
    }

    static TopologyDescription of(InternalTopologyBuilder builder) {
        Map<String, AbstractNode> described = new HashMap<>();
        for (NodeFactory factory : builder.nodes().values()) {
            described.put(factory.name(), describe(builder, factory));
        }
        Set<Subtopology> subtopologies = new TreeSet<>(Comparator.comparingInt(Subtopology::id));
        Set<GlobalStore> globalStores = new TreeSet<>(Comparator.comparingInt(GlobalStore::id));
        for (Map.Entry<Integer, Set<String>> group : builder.nodeGroups().entrySet()) {
            link(builder, group.getValue(), described);
            Set<Node> nodes = new TreeSet<>(NODE_ORDER);
            for (String name : group.getValue()) {
                nodes.add(described.get(name));
            }
            if (builder.isGlobalGroup(group.getValue())) {
                Source source = null;
                Processor processor = null;
                for (Node node : nodes) {
                    if (node instanceof Source candidate) {
                        source = candidate;
                    } else if (node instanceof Processor candidate) {
                        processor = candidate;
                    }
                }
                globalStores.add(new GlobalStoreImpl(group.getKey(), source, processor));
            } else {
                subtopologies.add(new SubtopologyImpl(group.getKey(), Collections.unmodifiableSet(nodes)));
            }
        }
        return new TopologyDescriptionImpl(subtopologies, globalStores);
    }

    /**
     * Links the nodes of one group to their predecessors as Kafka Streams does, so that each node's predecessors and
     * successors come in Kafka's order: nodes in the order of a {@code HashMap} keyed by their names, each one's
     * predecessors in the order they were given, each edge set ordered by {@link #NODE_ORDER} with the sizes known
     * when a node joins it (later links grow them without reordering the set), and each link adding the node's size
     * to its predecessor's and to all of that one's predecessors'.
     */
    private static void link(InternalTopologyBuilder builder, Set<String> names, Map<String, AbstractNode> described) {
        Map<String, AbstractNode> group = new HashMap<>();
        for (String name : names) {
            group.put(name, described.get(name));
        }
        for (AbstractNode node : group.values()) {
            for (String predecessorName : builder.nodes().get(node.name).predecessors()) {
                AbstractNode predecessor = described.get(predecessorName);
                node.predecessors.add(predecessor);
                predecessor.successors.add(node);
                grow(predecessor, node.size);
            }
        }
    }

    private static void grow(AbstractNode node, int size) {
        node.size += size;
        for (Node predecessor : node.predecessors) {
            grow((AbstractNode) predecessor, size);
        }
    }

    private static AbstractNode describe(InternalTopologyBuilder builder, NodeFactory factory) {
        if (factory instanceof SourceNodeFactory source) {
            if (source.pattern() != null) {
                return new SourceImpl(source.name(), null, source.pattern());
            }
            // Kafka Streams lists topics and stores as hash sets, so they print in a hash set's order.
            Set<String> topics = new HashSet<>();
            for (String topic : source.topics()) {
                topics.add(builder.decorateTopic(topic));
            }
            return new SourceImpl(source.name(), Collections.unmodifiableSet(topics), null);
        } else if (factory instanceof ProcessorNodeFactory processor) {
            return new ProcessorImpl(processor.name(), Collections.unmodifiableSet(new HashSet<>(processor.stores())));
        } else {
            SinkNodeFactory sink = (SinkNodeFactory) factory;
            return new SinkImpl(sink.name(), sink.topic() == null ? null : builder.decorateTopic(sink.topic()),
                sink.topicNameExtractor());
        }
    }

    @Override
    public Set<Subtopology> subtopologies() {
        return subtopologies;
    }

    @Override
    public Set<GlobalStore> globalStores() {
        return globalStores;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Topologies:\n ");
        Map<Integer, Object> byId = new java.util.TreeMap<>();
        for (Subtopology subtopology : subtopologies) {
            byId.put(subtopology.id(), subtopology);
        }
        for (GlobalStore globalStore : globalStores) {
            byId.put(globalStore.id(), globalStore);
        }
        for (Object part : byId.values()) {
            out.append("  ").append(part);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopologyDescriptionImpl that && toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    private static String names(Set<Node> nodes) {
        return nodes.isEmpty() ? "none" : nodes.stream().map(Node::name).collect(Collectors.joining(", "));
    }

    private record SubtopologyImpl(int id, Set<Node> nodes) implements Subtopology {
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("Sub-topology: ").append(id).append('\n');
            for (Node node : nodes) {
                out.append("    ").append(node).append('\n');
            }
            return out.append('\n').toString();
        }
    }

    private record GlobalStoreImpl(int id, Source source, Processor processor) implements GlobalStore {
        @Override
        public String toString() {
            return "Sub-topology: " + id + " for global store (will not generate tasks)\n"
                + "    " + source + "\n"
                + "    " + processor + "\n";
        }
    }

    /** Node identity is its name; the edge sets are filled after all nodes exist. */
    private abstract static class AbstractNode implements Node {
        final String name;
        final Set<Node> predecessors = new TreeSet<>(NODE_ORDER);
        final Set<Node> successors = new TreeSet<>(NODE_ORDER);
        /** The number of nodes from this one down, each counted once per path to it, as Kafka Streams counts. */
        int size = 1;

        AbstractNode(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Node> predecessors() {
            return Collections.unmodifiableSet(predecessors);
        }

        @Override
        public Set<Node> successors() {
            return Collections.unmodifiableSet(successors);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AbstractNode that && getClass() == that.getClass() && name.equals(that.name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    private static final class SourceImpl extends AbstractNode implements Source {
        private final Set<String> topics;
        private final Pattern pattern;

        /** Exactly one of {@code topics} and {@code pattern} is non-null. */
        SourceImpl(String name, Set<String> topics, Pattern pattern) {
            super(name);
            this.topics = topics;
            this.pattern = pattern;
        }

        @Override
        public Set<String> topicSet() {
            return topics;
        }

        @Override
        public Pattern topicPattern() {
            return pattern;
        }

        @Override
        public String toString() {
            // As Kafka Streams prints it: a pattern source shows the bare regex where named topics show a list.
            String read = pattern != null ? pattern.pattern() : topics.toString();
            return "Source: " + name + " (topics: " + read + ")\n      --> " + names(successors);
        }
    }

    private static final class ProcessorImpl extends AbstractNode implements Processor {
        private final Set<String> stores;

        ProcessorImpl(String name, Set<String> stores) {
            super(name);
            this.stores = stores;
        }

        @Override
        public Set<String> stores() {
            return stores;
        }

        @Override
        public String toString() {
            return "Processor: " + name + " (stores: " + stores + ")\n      --> " + names(successors)
                + "\n      <-- " + names(predecessors);
        }
    }

    private static final class SinkImpl extends AbstractNode implements Sink {
        private final String topic;
        private final TopicNameExtractor<?, ?> extractor;

        SinkImpl(String name, String topic, TopicNameExtractor<?, ?> extractor) {
            super(name);
            this.topic = topic;
            this.extractor = extractor;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public TopicNameExtractor<?, ?> topicNameExtractor() {
            return extractor;
        }

        @Override
        public String toString() {
            String target = topic != null ? "topic: " + topic : "extractor class: " + extractor;
            return "Sink: " + name + " (" + target + ")\n      <-- " + names(predecessors);
        }
    }
}
