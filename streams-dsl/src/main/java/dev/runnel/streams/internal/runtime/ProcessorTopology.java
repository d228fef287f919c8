package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.state.StoreBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's instance of a sub-topology: its nodes (parents before children), the source node per named (decorated)
 * input topic, the sources reading topics by pattern, and the builders of the stores its processors use (including
 * global stores they connect to, for global groups), in the order of the nodes that first use them.
 */
public record ProcessorTopology(List<ProcessorNode<?, ?, ?, ?>> nodes,
    Map<String, ProcessorNode<?, ?, ?, ?>> sourceByTopic, List<SourceNode<?, ?>> patternSources,
    Map<String, StoreBuilder<?>> storeBuilders, boolean global, Map<String, String> readOnlyStoreUpdaters) {

    /** Copies; {@code storeBuilders} keeps its order. */
    public ProcessorTopology {
        nodes = List.copyOf(nodes);
        sourceByTopic = Map.copyOf(sourceByTopic);
        patternSources = List.copyOf(patternSources);
        // Node order, so a commit flushes caches upstream first: what an upstream cache writes down and forwards
        // reaches a downstream cache that has not been flushed yet, and is flushed in the same commit.
        storeBuilders = Collections.unmodifiableMap(new LinkedHashMap<>(storeBuilders));
        readOnlyStoreUpdaters = Map.copyOf(readOnlyStoreUpdaters);
    }

    /** Returns whether {@code processorName} may only read {@code storeName}: a read-only store it does not update. */
    public boolean isReadOnlyFor(String storeName, String processorName) {
        String updater = readOnlyStoreUpdaters.get(storeName);
        return updater != null && !updater.equals(processorName);
    }

    /**
     * Returns the source of {@code topic}, or {@code null}: the one naming it, else the one whose pattern matches it.
     * Callers look a partition up once, when it first shows up, not per record; the runtime only hands a task the
     * partitions the assignment gave it, which never include the application's internal topics by pattern.
     */
    public SourceNode<?, ?> source(String topic) {
        SourceNode<?, ?> named = (SourceNode<?, ?>) sourceByTopic.get(topic);
        if (named != null) {
            return named;
        }
        for (SourceNode<?, ?> source : patternSources) {
            if (source.pattern().matcher(topic).matches()) {
                return source;
            }
        }
        return null;
    }
}
