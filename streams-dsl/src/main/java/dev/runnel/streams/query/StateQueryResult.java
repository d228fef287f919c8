package dev.runnel.streams.query;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to a {@link StateQueryRequest}: for a partitioned store, one {@link QueryResult} per partition that ran
 * the query (local partitions only); for a global store, one global result. Immutable.
 *
 * @param <R> the type of one partition's result
 */
public final class StateQueryResult<R> {
    private final Map<Integer, QueryResult<R>> partitionResults;
    private final QueryResult<R> globalResult;

    private StateQueryResult(Map<Integer, QueryResult<R>> partitionResults, QueryResult<R> globalResult) {
        this.partitionResults = partitionResults;
        this.globalResult = globalResult;
    }

    /** Returns the answer of a partitioned store, from each partition's result; the map is copied. */
    public static <R> StateQueryResult<R> forPartitions(Map<Integer, QueryResult<R>> partitionResults) {
        return new StateQueryResult<>(Collections.unmodifiableMap(new TreeMap<>(partitionResults)), null);
    }

    /** Returns the answer of a global store. */
    public static <R> StateQueryResult<R> forGlobalStore(QueryResult<R> globalResult) {
        return new StateQueryResult<>(Map.of(), globalResult);
    }

    /** Returns each partition's result, by partition; empty for a global store. */
    public Map<Integer, QueryResult<R>> getPartitionResults() {
        return partitionResults;
    }

    /**
     * Returns the one partition result of a query expected to match in one partition only (a key lookup): the only
     * partition result if there is one, otherwise the only one that failed or found something.
     *
     * @throws IllegalArgumentException if that is not exactly one result
     */
    public QueryResult<R> getOnlyPartitionResult() {
        if (partitionResults.size() == 1) {
            return partitionResults.values().iterator().next();
        }
        List<QueryResult<R>> matched = partitionResults.values().stream()
            .filter(result -> result.isFailure() || result.getResult() != null).toList();
        if (matched.size() != 1) {
            throw new IllegalArgumentException("The query did not return exactly one partition result: "
                + partitionResults);
        }
        return matched.get(0);
    }

    /** Returns the result of a global store, or {@code null} for a partitioned one. */
    public QueryResult<R> getGlobalResult() {
        return globalResult;
    }

    /** Returns the position the answer reflects: the merge of the results' positions. */
    public Position getPosition() {
        Position position = globalResult == null ? Position.emptyPosition() : globalResult.getPosition();
        for (QueryResult<R> result : partitionResults.values()) {
            position = position.merge(result.getPosition());
        }
        return position;
    }

    @Override
    public String toString() {
        return "StateQueryResult{partitionResults=" + partitionResults + ", globalResult=" + globalResult + "}";
    }
}
