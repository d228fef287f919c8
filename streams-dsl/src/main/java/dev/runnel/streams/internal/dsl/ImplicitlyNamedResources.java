package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The repartition topics, state stores and changelog topics of a DSL topology whose names the DSL generated
 * ({@code KSTREAM-AGGREGATE-STATE-STORE-0000000003}) because the program gave none (KIP-1111). A generated name holds
 * the operator's position in the topology, so an operator added upstream renames the resource: a renamed changelog
 * starts its store empty, and a renamed repartition topic strands the records still in the old one.
 *
 * @param repartitionTopics internal topics between sub-topologies (repartitions, foreign-key join subscriptions)
 * @param changelogTopics   {@code <store>-changelog} of the logged stores among {@code stateStores}
 * @param stateStores       local stores (global stores restore from their source topics and are left out)
 */
public record ImplicitlyNamedResources(List<String> repartitionTopics, List<String> changelogTopics,
                                       List<String> stateStores) {
    /** What the DSL appends to a generated name to name a resource ({@code KSTREAM-JOINTHIS-0000000004-store}). */
    private static final List<String> SUFFIXES =
        List.of(Repartitioning.REPARTITION_TOPIC_SUFFIX, ForeignKeyJoinBuilder.TOPIC_SUFFIX, "-store");

    /** Finds, in {@code topology} as built, the resources named by one of {@code generatedNames}. */
    static ImplicitlyNamedResources find(InternalTopologyBuilder topology, Set<String> generatedNames) {
        List<String> repartitionTopics = new ArrayList<>();
        for (String topic : topology.internalTopics()) {
            if (isGenerated(topic, generatedNames)) {
                repartitionTopics.add(topic);
            }
        }
        List<String> changelogTopics = new ArrayList<>();
        List<String> stateStores = new ArrayList<>();
        for (String store : topology.storeNames()) {
            if (isGenerated(store, generatedNames) && !topology.isGlobalStore(store)) {
                stateStores.add(store);
                if (topology.isLogged(store)) {
                    changelogTopics.add(store + "-changelog");
                }
            }
        }
        return new ImplicitlyNamedResources(List.copyOf(repartitionTopics), List.copyOf(changelogTopics),
            List.copyOf(stateStores));
    }

    private static boolean isGenerated(String resource, Set<String> generatedNames) {
        if (generatedNames.contains(resource)) {
            return true;
        }
        for (String suffix : SUFFIXES) {
            if (resource.endsWith(suffix)
                && generatedNames.contains(resource.substring(0, resource.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return repartitionTopics.isEmpty() && stateStores.isEmpty();
    }

    /** Lists the resources and how to name each kind. */
    public String describe() {
        return "repartition topics " + repartitionTopics + ", changelog topics " + changelogTopics + ", state stores "
            + stateStores + ". Name repartition topics with Grouped.as, Repartitioned.as or the join's "
            + "StreamJoined/TableJoined name, and stores (with their changelogs) with Materialized.as, "
            + "StreamJoined.withStoreName or Suppressed.withName.";
    }
}
