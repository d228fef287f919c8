package dev.runnel.streams.internal.graph;

import dev.runnel.streams.errors.TopologyException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves the partition counts of internal (repartition) topics and checks that the inputs of every join are
 * co-partitioned, given the partition counts of the external source topics. Stateless; one call per start.
 */
/*
 * Implementation notes. An internal topic without an explicit count takes the largest count among the source topics
 * of the sub-topology that writes it, as Kafka Streams does; as a repartition topic can feed another sub-topology that
 * writes a further one, counts are propagated until nothing changes. Then each co-partition group (the source topics
 * upstream of one join) is enforced: its external topics and its internal topics with explicit counts must all agree,
 * and its other internal topics take that count. Only a disagreement is an error; nothing is assumed.
 */
final class Copartitioning {
    private final InternalTopologyBuilder builder;
    private final Map<String, Set<String>> patternMatches;

    /** {@code patternMatches}: the topics each pattern source reads now, by source name. */
    Copartitioning(InternalTopologyBuilder builder, Map<String, Set<String>> patternMatches) {
        this.builder = builder;
        this.patternMatches = patternMatches;
    }

    Map<String, Integer> resolve(Map<String, Integer> sourceTopicPartitions, Map<String, Integer> explicitCounts,
        Set<String> internalTopics, List<CopartitionGroup> groups) {
        Map<String, Integer> counts = new HashMap<>(explicitCounts);
        for (String topic : builder.externalSourceTopics(patternMatches)) {
            Integer partitions = sourceTopicPartitions.get(topic);
            if (partitions == null) {
                throw new IllegalArgumentException("No partition count given for source topic " + topic
                    + "; known: " + new TreeMap<>(sourceTopicPartitions));
            }
            counts.put(topic, partitions);
        }
        propagate(counts, internalTopics);
        for (CopartitionGroup group : groups) {
            enforce(group, counts, explicitCounts, internalTopics);
        }
        propagate(counts, internalTopics);
        Map<String, Integer> result = new LinkedHashMap<>();
        for (String topic : internalTopics) {
            result.put(topic, counts.getOrDefault(topic, 1));
        }
        return result;
    }

    private void propagate(Map<String, Integer> counts, Set<String> internalTopics) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String topic : internalTopics) {
                if (counts.containsKey(topic)) {
                    continue;
                }
                int max = 0;
                boolean complete = true;
                for (String upstream : builder.sourceTopicsWriting(topic, patternMatches)) {
                    Integer partitions = counts.get(upstream);
                    if (partitions == null) {
                        complete = false;
                    } else {
                        max = Math.max(max, partitions);
                    }
                }
                if (complete && max > 0) {
                    counts.put(topic, max);
                    changed = true;
                }
            }
        }
    }

    private void enforce(CopartitionGroup group, Map<String, Integer> counts, Map<String, Integer> explicitCounts,
        Set<String> internalTopics) {
        Set<String> topics = new TreeSet<>();
        for (String node : group.nodeNames()) {
            topics.addAll(builder.upstreamSourceTopics(node, patternMatches));
        }
        Map<String, Integer> fixed = new LinkedHashMap<>();
        List<String> flexible = new ArrayList<>();
        for (String topic : topics) {
            if (!internalTopics.contains(topic) || explicitCounts.containsKey(topic)) {
                fixed.put(topic, counts.get(topic));
            } else {
                flexible.add(topic);
            }
        }
        if (new LinkedHashSet<>(fixed.values()).size() > 1) {
            StringBuilder listing = new StringBuilder();
            for (Map.Entry<String, Integer> entry : fixed.entrySet()) {
                listing.append(listing.length() == 0 ? "" : ", ").append(builder.decorateTopic(entry.getKey()))
                    .append('=').append(entry.getValue());
            }
            throw new TopologyException("Topics not co-partitioned: [" + listing + "] (topic=partitions); "
                + group.description() + " needs the same number of partitions on every input. Recreate a topic with"
                + " a matching count, or repartition one input with KStream#repartition("
                + "Repartitioned.numberOfPartitions(n)).");
        }
        int target = fixed.isEmpty()
            ? flexible.stream().mapToInt(topic -> counts.getOrDefault(topic, 1)).max().orElse(1)
            : fixed.values().iterator().next();
        for (String topic : flexible) {
            counts.put(topic, target);
        }
    }

    /** The processors whose upstream source topics must be co-partitioned, and what they are, for messages. */
    record CopartitionGroup(Set<String> nodeNames, String description) {
        CopartitionGroup {
            nodeNames = Set.copyOf(nodeNames);
        }
    }
}
