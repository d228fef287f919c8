package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.StreamsConfig;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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
    private final Set<String> applied = new LinkedHashSet<>();

    TopologyOptimizer(InternalStreamsBuilder builder) {
        this.builder = builder;
    }

    /** Records a source table: store {@code storeName} filled from {@code topic}. */
    void addTableSource(String storeName, String topic) {
        tableSources.put(storeName, topic);
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
        if (rules.contains(StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS) && applied.add(
            StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS)) {
            // The source topic is the store's changelog: it holds the same records (Kafka assumes it is compacted).
            tableSources.forEach(builder.topologyBuilder()::connectSourceStoreAndTopic);
        }
    }
}
