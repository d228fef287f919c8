package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.state.StoreBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's instance of a sub-topology: its nodes (parents before children), the source node per (decorated) input
 * topic, and the builders of the stores its processors use (including global stores they connect to, for global
 * groups), in the order of the nodes that first use them.
 */
public record ProcessorTopology(List<ProcessorNode<?, ?, ?, ?>> nodes,
    Map<String, ProcessorNode<?, ?, ?, ?>> sourceByTopic, Map<String, StoreBuilder<?>> storeBuilders,
    boolean global) {

    /** Copies; {@code storeBuilders} keeps its order. */
    public ProcessorTopology {
        nodes = List.copyOf(nodes);
        sourceByTopic = Map.copyOf(sourceByTopic);
        // Node order, so a commit flushes caches upstream first: what an upstream cache writes down and forwards
        // reaches a downstream cache that has not been flushed yet, and is flushed in the same commit.
        storeBuilders = Collections.unmodifiableMap(new LinkedHashMap<>(storeBuilders));
    }

    /** Returns the source of {@code topic}, or {@code null}. */
    public SourceNode<?, ?> source(String topic) {
        return (SourceNode<?, ?>) sourceByTopic.get(topic);
    }
}
