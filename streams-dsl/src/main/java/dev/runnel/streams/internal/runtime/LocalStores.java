package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.errors.InvalidStateStoreException;
import dev.runnel.streams.errors.InvalidStateStorePartitionException;
import dev.runnel.streams.errors.StateStoreMigratedException;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.query.Position;
import dev.runnel.streams.state.QueryableStoreType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The state stores a client hosts, as interactive queries find them: a global store, or the stores of the stream
 * threads' tasks by partition, active tasks' and, for queries that accept stale stores, standby tasks'. Thread-safe:
 * it reads only what the threads publish.
 */
public final class LocalStores {
    private final List<StreamThread> threads;
    private final Supplier<GlobalStreamThread> globalThread;

    /**
     * Creates the lookup over {@code threads}, the client's live list of stream threads (read on every lookup), and
     * its global thread, if any.
     */
    public LocalStores(List<StreamThread> threads, Supplier<GlobalStreamThread> globalThread) {
        this.threads = threads;
        this.globalThread = globalThread;
    }

    /** Returns the global store named {@code name}, or {@code null} if there is none. */
    public StateStore globalStore(String name) {
        GlobalStreamThread global = globalThread.get();
        return global == null ? null : global.store(name);
    }

    /** Returns the store named {@code name} of each active task here, by partition. */
    public Map<Integer, StateStore> active(String name) {
        Map<Integer, StateStore> stores = new TreeMap<>();
        threads.forEach(thread -> stores.putAll(thread.storesByPartition(name)));
        return stores;
    }

    /** Returns the position of each active task here that has a store named {@code name}, by partition. */
    public Map<Integer, Position> activePositions(String name) {
        Map<Integer, Position> positions = new TreeMap<>();
        threads.forEach(thread -> positions.putAll(thread.positionsByPartition(name)));
        return positions;
    }

    /** Returns the store named {@code name} of each standby task here whose partition has no active task here. */
    public Map<Integer, StateStore> standby(String name) {
        Map<Integer, StateStore> stores = new TreeMap<>();
        threads.forEach(thread -> stores.putAll(thread.standbyStoresByPartition(name)));
        // During a promotion both may exist for a moment; the active task's store is the fresher.
        stores.keySet().removeAll(active(name).keySet());
        return stores;
    }

    /**
     * Returns the stores a {@code KafkaStreams#store} view reads: every partition's, or {@code partition}'s; of
     * active tasks only, or also of standby tasks if {@code staleStores}.
     *
     * @throws InvalidStateStoreException if there are none: saying whether the store has another type, the
     *     partition is not hosted here, or the store is not here (a {@link StateStoreMigratedException})
     */
    public List<StateStore> forQuery(String name, Integer partition, boolean staleStores,
        QueryableStoreType<?> type) {
        List<StateStore> stores = find(name, partition, staleStores, type::accepts);
        if (!stores.isEmpty()) {
            return stores;
        }
        List<StateStore> anyType = find(name, partition, staleStores, store -> true);
        if (!anyType.isEmpty()) {
            throw new InvalidStateStoreException("Cannot get state store " + name + " because the queryable store"
                + " type [" + type.getClass().getSimpleName() + "] does not accept the actual store type ["
                + anyType.get(0).getClass().getSimpleName() + "].");
        }
        if (partition != null && !find(name, null, staleStores, store -> true).isEmpty()) {
            String standbyHint = !staleStores && standby(name).containsKey(partition) ? " Its standby copy here is"
                + " read with StoreQueryParameters.enableStaleStores()." : "";
            throw new InvalidStateStorePartitionException("The specified partition " + partition + " for store "
                + name + " does not exist." + standbyHint);
        }
        throw new StateStoreMigratedException("The state store, " + name + ", may have migrated to another"
            + " instance; it is not available on this one.");
    }

    private List<StateStore> find(String name, Integer partition, boolean staleStores,
        Predicate<StateStore> accepted) {
        StateStore global = globalStore(name);
        if (global != null) {
            // A global store holds every partition of its topic: the one store answers for all.
            return accepted.test(global) ? List.of(global) : List.of();
        }
        Map<Integer, StateStore> byPartition = active(name);
        if (staleStores) {
            byPartition.putAll(standby(name));
        }
        List<StateStore> stores = new ArrayList<>();
        byPartition.forEach((storePartition, store) -> {
            if ((partition == null || partition.equals(storePartition)) && accepted.test(store)) {
                stores.add(store);
            }
        });
        return stores;
    }
}
