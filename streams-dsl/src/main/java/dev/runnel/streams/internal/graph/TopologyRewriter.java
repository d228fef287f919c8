package dev.runnel.streams.internal.graph;

import dev.runnel.streams.processor.api.ProcessorSupplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph rewrites {@code topology.optimization} applies to a built topology's nodes: removing a merged repartition
 * topic, re-linking and reordering nodes, replacing processors with one. It works on the {@link
 * InternalTopologyBuilder}'s own node map and registries; not thread-safe, as the builder.
 */
public final class TopologyRewriter {
    private final Map<String, NodeFactory> nodes;
    private final StoreRegistry stores;
    private final TopicRegistry topics;

    TopologyRewriter(Map<String, NodeFactory> nodes, StoreRegistry stores, TopicRegistry topics) {
        this.nodes = nodes;
        this.stores = stores;
        this.topics = topics;
    }

    /**
     * Removes repartition topic {@code topic} with the sink that writes it, the sink's parent (the repartition's
     * null-key filter) and the source that reads it: the optimizer merged it into another and re-links the nodes
     * around it with {@link #replacePredecessor}.
     */
    public void removeRepartitionTopic(String topic) {
        for (NodeFactory node : List.copyOf(nodes.values())) {
            if (node instanceof SinkNodeFactory sink && topic.equals(sink.topic())) {
                nodes.remove(sink.name());
                sink.predecessors().forEach(nodes::remove);
            } else if (node instanceof SourceNodeFactory source && source.topics().contains(topic)) {
                nodes.remove(source.name());
            }
        }
        topics.removeInternalTopic(topic);
    }

    /**
     * Replaces the processors {@code removed} and the local store {@code removedStore}, used by them only, with
     * processor {@code name} under {@code parentName}, connected to {@code storeName}, in the place of the processor
     * that had that name (its children keep it as parent): the optimizer's single-store self-join.
     */
    public void replaceProcessors(List<String> removed, String removedStore, String name,
        ProcessorSupplier<?, ?, ?, ?> supplier, String parentName, String storeName) {
        ProcessorNodeFactory replacement = new ProcessorNodeFactory(name, List.of(parentName), supplier, supplier);
        replacement.connect(storeName);
        nodes.replace(name, replacement);
        removed.stream().filter(node -> !node.equals(name)).forEach(nodes::remove);
        stores.removeLocal(removedStore);
    }

    /** Makes {@code newParent} the parent of processor {@code nodeName} in place of {@code oldParent}. */
    public void replacePredecessor(String nodeName, String oldParent, String newParent) {
        if (nodes.get(nodeName) instanceof ProcessorNodeFactory processor) {
            processor.replacePredecessor(oldParent, newParent);
        }
    }

    /** Returns the names of the nodes {@code nodeName} feeds, in the plan's order. */
    public List<String> successors(String nodeName) {
        return nodes.values().stream().filter(node -> node.predecessors().contains(nodeName))
            .map(NodeFactory::name).toList();
    }

    /**
     * Moves the nodes {@code names} to just after {@code anchor} in the plan's order, which the description and the
     * node groups follow: where an optimized node takes the place of the nodes it replaced.
     */
    public void moveAfter(String anchor, List<String> names) {
        Map<String, NodeFactory> reordered = new LinkedHashMap<>();
        for (Map.Entry<String, NodeFactory> node : nodes.entrySet()) {
            if (!names.contains(node.getKey())) {
                reordered.put(node.getKey(), node.getValue());
            }
            if (node.getKey().equals(anchor)) {
                names.forEach(name -> reordered.put(name, nodes.get(name)));
            }
        }
        nodes.clear();
        nodes.putAll(reordered);
    }
}
