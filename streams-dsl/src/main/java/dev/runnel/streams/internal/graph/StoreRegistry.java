package dev.runnel.streams.internal.graph;

import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.state.StoreBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The store builders of a topology, local and global, under unique names: one name never stands for two different
 * builders. Not thread-safe; owned by its topology builder.
 */
final class StoreRegistry {
    private final Map<String, StoreBuilder<?>> stores = new LinkedHashMap<>();
    private final Map<String, StoreBuilder<?>> globalStores = new LinkedHashMap<>();
    /** Read-only stores (KIP-813): the source topic that is each one's changelog. */
    private final Map<String, String> sourceChangelogTopics = new LinkedHashMap<>();
    /** Read-only stores: the one processor that may write each. */
    private final Map<String, String> readOnlyStoreUpdaters = new LinkedHashMap<>();

    /**
     * Adds a local store; adding the same builder again is allowed.
     *
     * @throws TopologyException if a different store has the name
     */
    void addLocal(StoreBuilder<?> storeBuilder) {
        Objects.requireNonNull(storeBuilder, "storeBuilder");
        StoreBuilder<?> existing = stores.get(storeBuilder.name());
        if (existing != null && existing != storeBuilder) {
            throw differentStore("StateStore", storeBuilder.name());
        }
        if (globalStores.containsKey(storeBuilder.name())) {
            throw differentStore("GlobalStateStore", storeBuilder.name());
        }
        stores.put(storeBuilder.name(), storeBuilder);
    }

    /**
     * Adds a global store.
     *
     * @throws TopologyException if any store has the name
     */
    void addGlobal(StoreBuilder<?> storeBuilder) {
        requireUnused(storeBuilder.name());
        globalStores.put(storeBuilder.name(), storeBuilder);
    }

    /**
     * Checks that no store has the name yet.
     *
     * @throws TopologyException if one has
     */
    void requireUnused(String storeName) {
        if (stores.containsKey(storeName)) {
            throw differentStore("StateStore", storeName);
        }
        if (globalStores.containsKey(storeName)) {
            throw differentStore("GlobalStateStore", storeName);
        }
    }

    /** Kafka Streams' message, naming the kind of store ("StateStore", "GlobalStateStore") already added. */
    private static TopologyException differentStore(String kind, String storeName) {
        return new TopologyException("A different " + kind + " has already been added with the name " + storeName);
    }

    /**
     * Checks that a processor may be connected to {@code storeName}.
     *
     * @throws TopologyException if the store is global or unknown
     */
    void requireConnectable(String storeName) {
        if (globalStores.containsKey(storeName)) {
            throw new TopologyException("Global StateStore " + storeName + " can be used by a Processor without"
                + " being specified; it should not be explicitly passed.");
        }
        if (!stores.containsKey(storeName)) {
            throw new TopologyException("StateStore " + storeName + " is not added yet.");
        }
    }

    /** Removes local store {@code storeName}, which no processor uses any more (the optimizer dropped them). */
    void removeLocal(String storeName) {
        stores.remove(storeName);
    }

    /** Marks local store {@code storeName} read-only: only {@code updaterName} writes it, from {@code topic}. */
    void markReadOnly(String storeName, String topic, String updaterName) {
        sourceChangelogTopics.put(storeName, topic);
        readOnlyStoreUpdaters.put(storeName, updaterName);
    }

    /**
     * Makes source topic {@code topic} the changelog of local store {@code storeName}, as the
     * {@code reuse.ktable.source.topics} optimization does for a source table's store.
     */
    void useSourceTopicAsChangelog(String storeName, String topic) {
        sourceChangelogTopics.put(storeName, topic);
    }

    Map<String, String> sourceChangelogTopics() {
        return Collections.unmodifiableMap(sourceChangelogTopics);
    }

    Map<String, String> readOnlyStoreUpdaters() {
        return Collections.unmodifiableMap(readOnlyStoreUpdaters);
    }

    boolean isLocal(String storeName) {
        return stores.containsKey(storeName);
    }

    boolean isGlobal(String storeName) {
        return globalStores.containsKey(storeName);
    }

    /** Returns the builder of a local or global store, or {@code null}. */
    StoreBuilder<?> builder(String storeName) {
        return stores.containsKey(storeName) ? stores.get(storeName) : globalStores.get(storeName);
    }

    /** Returns the names of the local and global stores. */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>(stores.keySet());
        names.addAll(globalStores.keySet());
        return names;
    }
}
