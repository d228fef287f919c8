package dev.runnel.streams.query;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The answer to a {@link StateQueryRequest}: for a partitioned store, one {@link QueryResult} per partition that ran
 * the query (local partitions only); for a global store, one global result. Filled in by the runtime through
 * {@link #addResult} or {@link #setGlobalResult}; not thread-safe.
 *
 * @param <R> the type of one partition's result
 */
public final class StateQueryResult<R> {
    private final Map<Integer, QueryResult<R>> partitionResults = new TreeMap<>();
    private QueryResult<R> globalResult;

    /** Creates an answer without results. */
    public StateQueryResult() {
    }

    /** Sets the result of a global store. */
    public void setGlobalResult(QueryResult<R> result) {
        this.globalResult = Objects.requireNonNull(result, "result");
    }

    /** Adds (or replaces) the result of {@code partition}. */
    public void addResult(int partition, QueryResult<R> result) {
        partitionResults.put(partition, Objects.requireNonNull(result, "result"));
    }

    /** Returns each partition's result, by partition; empty for a global store. */
    public Map<Integer, QueryResult<R>> getPartitionResults() {
        return Collections.unmodifiableMap(partitionResults);
    }

    /**
     * Returns the one partition result of a query expected to match in one partition only (a key lookup): the only
     * partition result that succeeded with a non-{@code null} result, or {@code null} if none did. As in Kafka
     * Streams, failed partitions are passed over.
     *
     * @throws IllegalArgumentException if several partitions found something
     */
    public QueryResult<R> getOnlyPartitionResult() {
        List<QueryResult<R>> found = partitionResults.values().stream()
            .filter(result -> result.isSuccess() && result.getResult() != null).toList();
        if (found.size() > 1) {
            throw new IllegalArgumentException("The query did not return exactly one partition result: "
                + partitionResults);
        }
        return found.isEmpty() ? null : found.get(0);
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
