package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.state.StoreBuilder;
import java.util.List;
import java.util.Map;

/**
 * One task's instance of a sub-topology: its nodes (parents before children), the source node per (decorated) input
 * topic, and the builders of the stores its processors use (including global stores they connect to, for global
 * groups).
 */
public record ProcessorTopology(List<ProcessorNode<?, ?, ?, ?>> nodes,
    Map<String, ProcessorNode<?, ?, ?, ?>> sourceByTopic, Map<String, StoreBuilder<?>> storeBuilders,
    boolean global) {

    /** Copies. */
    public ProcessorTopology {
        nodes = List.copyOf(nodes);
        sourceByTopic = Map.copyOf(sourceByTopic);
        storeBuilders = Map.copyOf(storeBuilders);
    }

    /** Returns the source of {@code topic}, or {@code null}. */
    public SourceNode<?, ?> source(String topic) {
        return (SourceNode<?, ?>) sourceByTopic.get(topic);
    }
}
