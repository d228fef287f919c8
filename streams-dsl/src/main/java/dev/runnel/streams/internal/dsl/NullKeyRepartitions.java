package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.graph.NodeFactory;
import dev.runnel.streams.internal.graph.SinkNodeFactory;
import dev.runnel.streams.internal.graph.SourceNodeFactory;
import dev.runnel.streams.kstream.Predicate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which repartition topics carry records with a null key, as Kafka Streams decides it (KIP-962): a repartition
 * with a left or outer join downstream (stream-table, stream-global-table or stream-stream), however far, keeps them,
 * so that the join emits them joined with null; every other repartition drops them before its topic. Decided when the
 * topology is built, since operators added later may change it. Not thread-safe.
 */
final class NullKeyRepartitions {
    private final Map<String, NullKeyFilter<Object, Object>> filters = new LinkedHashMap<>();
    private final Set<String> relaxedJoins = new HashSet<>();

    /** Returns the predicate of a new repartition's filter node {@code filterName}: drop null keys, until decided. */
    @SuppressWarnings("unchecked")
    <K, V> Predicate<K, V> filterOf(String filterName) {
        NullKeyFilter<Object, Object> filter = new NullKeyFilter<>();
        filters.put(filterName, filter);
        return (Predicate<K, V>) filter;
    }

    /** Records {@code nodeName} as a join that emits records with a null key joined with null. */
    void addRelaxedJoin(String nodeName) {
        relaxedJoins.add(nodeName);
    }

    /** Lets each repartition's filter keep null keys if a relaxed join is reachable from it in {@code topology}. */
    void decide(InternalTopologyBuilder topology) {
        Map<String, List<String>> downstream = downstreamOf(topology.nodes());
        filters.forEach((filterName, filter) -> filter.keepNullKeys = reachesRelaxedJoin(filterName, downstream));
    }

    private boolean reachesRelaxedJoin(String start, Map<String, List<String>> downstream) {
        Deque<String> pending = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String node = pending.pop();
            if (relaxedJoins.contains(node)) {
                return true;
            }
            if (seen.add(node)) {
                pending.addAll(downstream.getOrDefault(node, List.of()));
            }
        }
        return false;
    }

    /** Each node's children, a sink's being the sources of its topic, so that a path crosses sub-topologies. */
    private static Map<String, List<String>> downstreamOf(Map<String, NodeFactory> nodes) {
        Map<String, List<String>> downstream = new HashMap<>();
        Map<String, List<String>> sourcesByTopic = new HashMap<>();
        for (NodeFactory node : nodes.values()) {
            for (String parent : node.predecessors()) {
                downstream.computeIfAbsent(parent, name -> new ArrayList<>()).add(node.name());
            }
            if (node instanceof SourceNodeFactory source && source.topics() != null) {
                for (String topic : source.topics()) {
                    sourcesByTopic.computeIfAbsent(topic, name -> new ArrayList<>()).add(source.name());
                }
            }
        }
        for (NodeFactory node : nodes.values()) {
            if (node instanceof SinkNodeFactory sink && sink.topic() != null) {
                downstream.computeIfAbsent(sink.name(), name -> new ArrayList<>())
                    .addAll(sourcesByTopic.getOrDefault(sink.topic(), List.of()));
            }
        }
        return downstream;
    }

    /** Drops records with a null key, unless the repartition was found to feed a join that emits them. */
    private static final class NullKeyFilter<K, V> implements Predicate<K, V> {
        private boolean keepNullKeys;

        @Override
        public boolean test(K key, V value) {
            return keepNullKeys || key != null;
        }
    }
}
