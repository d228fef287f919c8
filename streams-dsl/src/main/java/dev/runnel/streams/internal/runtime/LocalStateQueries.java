package dev.runnel.streams.internal.runtime;

import dev.runnel.common.utils.Time;
import dev.runnel.streams.internal.state.StoreQueryRunner;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.query.FailureReason;
import dev.runnel.streams.query.Position;
import dev.runnel.streams.query.QueryResult;
import dev.runnel.streams.query.StateQueryRequest;
import dev.runnel.streams.query.StateQueryResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs Interactive Query v2 requests (KIP-796) against the stores a client hosts, partition by partition: on the
 * active tasks' stores, on the standby tasks' copies unless the request requires an active task, or on a global
 * store. Thread-safe: it reads only what {@link LocalStores} finds.
 */
public final class LocalStateQueries {
    private final LocalStores localStores;
    private final StoreQueryRunner runner;

    public LocalStateQueries(LocalStores localStores, Time time) {
        this.localStores = localStores;
        this.runner = new StoreQueryRunner(time);
    }

    /**
     * Answers {@code request} from the store's local partitions: every one, or those the request names (each not
     * hosted here answers {@link FailureReason#NOT_PRESENT}); a standby's partition answers
     * {@link FailureReason#NOT_ACTIVE} if the request requires an active task. The caller checks that the store
     * exists and the client is running.
     */
    public <R> StateQueryResult<R> run(StateQueryRequest<R> request) {
        String name = request.getStoreName();
        StateStore global = localStores.globalStore(name);
        StateQueryResult<R> answer = new StateQueryResult<>();
        if (global != null) {
            answer.setGlobalResult(runner.run(global, request.getQuery(), request.getPositionBound(),
                request.executionInfoEnabled(), null, Position.emptyPosition()));
            return answer;
        }
        Map<Integer, QueryResult<R>> results = new TreeMap<>();
        // Positions first: a store then reflects at least its position, as a bounded query requires.
        Map<Integer, Position> positions = localStores.activePositions(name);
        localStores.active(name).forEach((partition, store) -> {
            if (requested(request, partition)) {
                results.put(partition, run(store, request, partition,
                    positions.getOrDefault(partition, Position.emptyPosition())));
            }
        });
        localStores.standby(name).forEach((partition, store) -> {
            if (requested(request, partition)) {
                results.put(partition, request.isRequireActive()
                    ? QueryResult.forFailure(FailureReason.NOT_ACTIVE, "Partition " + partition + " of store " + name
                        + " is hosted by this instance as a standby, and the request requires an active task; find"
                        + " the active host with queryMetadataForKey.")
                    : run(store, request, partition, Position.emptyPosition()));
            }
        });
        if (!request.isAllPartitions()) {
            for (int partition : request.getPartitions()) {
                results.computeIfAbsent(partition, missing -> QueryResult.forFailure(FailureReason.NOT_PRESENT,
                    "Partition " + missing + " of store " + name + " is not hosted by this instance now; find its"
                        + " host with queryMetadataForKey or metadataForAllStreamsClients."));
            }
        }
        results.forEach(answer::addResult);
        return answer;
    }

    private static boolean requested(StateQueryRequest<?> request, int partition) {
        return request.isAllPartitions() || request.getPartitions().contains(partition);
    }

    private <R> QueryResult<R> run(StateStore store, StateQueryRequest<R> request, int partition, Position position) {
        return runner.run(store, request.getQuery(), request.getPositionBound(), request.executionInfoEnabled(),
            partition, position);
    }
}
