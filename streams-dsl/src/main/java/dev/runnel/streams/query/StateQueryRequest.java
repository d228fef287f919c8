package dev.runnel.streams.query;

import java.util.Objects;
import java.util.Set;

/**
 * What {@code KafkaStreams#query} should run: a {@link Query} against a named store, on all local partitions of it
 * (the default) or only some, within a {@link PositionBound}. Immutable: each {@code with}/{@code enable}/{@code
 * require} method returns a new instance.
 *
 * <pre>{@code
 * StateQueryResult<Long> result = streams.query(
 *     StateQueryRequest.inStore("counts").withQuery(KeyQuery.<String, Long>withKey("alice")));
 * Long count = result.getOnlyPartitionResult().getResult();
 * }</pre>
 *
 * @param <R> the type of one partition's result
 */
public final class StateQueryRequest<R> {
    private final String storeName;
    private final Query<R> query;
    private final PositionBound positionBound;
    /** The partitions to query, or {@code null} for all local ones. */
    private final Set<Integer> partitions;
    private final boolean executionInfoEnabled;
    private final boolean requireActive;

    private StateQueryRequest(String storeName, Query<R> query, PositionBound positionBound, Set<Integer> partitions,
        boolean executionInfoEnabled, boolean requireActive) {
        this.storeName = storeName;
        this.query = query;
        this.positionBound = positionBound;
        this.partitions = partitions;
        this.executionInfoEnabled = executionInfoEnabled;
        this.requireActive = requireActive;
    }

    /** Starts a request for the store named {@code name}; {@link InStore#withQuery} completes it. */
    public static InStore inStore(String name) {
        return new InStore(Objects.requireNonNull(name, "name"));
    }

    /** Returns this request bounded by {@code bound} (by default {@link PositionBound#unbounded()}). */
    public StateQueryRequest<R> withPositionBound(PositionBound bound) {
        return new StateQueryRequest<>(storeName, query, Objects.requireNonNull(bound, "bound"), partitions,
            executionInfoEnabled, requireActive);
    }

    /** Returns this request for every local partition of the store (the default). */
    public StateQueryRequest<R> withAllPartitions() {
        return new StateQueryRequest<>(storeName, query, positionBound, null, executionInfoEnabled, requireActive);
    }

    /**
     * Returns this request for only {@code partitions}; those not hosted here answer
     * {@link FailureReason#NOT_PRESENT}.
     */
    public StateQueryRequest<R> withPartitions(Set<Integer> partitions) {
        return new StateQueryRequest<>(storeName, query, positionBound, Set.copyOf(partitions), executionInfoEnabled,
            requireActive);
    }

    /** Returns this request asking each partition how it ran the query ({@link QueryResult#getExecutionInfo}). */
    public StateQueryRequest<R> enableExecutionInfo() {
        return new StateQueryRequest<>(storeName, query, positionBound, partitions, true, requireActive);
    }

    /**
     * Returns this request restricted to active tasks: a partition this instance hosts only as a standby task answers
     * {@link FailureReason#NOT_ACTIVE} instead of running the query on the standby's (possibly stale) copy.
     */
    public StateQueryRequest<R> requireActive() {
        return new StateQueryRequest<>(storeName, query, positionBound, partitions, executionInfoEnabled, true);
    }

    /** Returns the name of the store to query. */
    public String getStoreName() {
        return storeName;
    }

    /** Returns the query to run. */
    public Query<R> getQuery() {
        return query;
    }

    /** Returns the bound on the partitions' positions. */
    public PositionBound getPositionBound() {
        return positionBound;
    }

    /** Returns whether the request is for every local partition. */
    public boolean isAllPartitions() {
        return partitions == null;
    }

    /**
     * Returns the partitions to query.
     *
     * @throws IllegalStateException if the request is for all partitions
     */
    public Set<Integer> getPartitions() {
        if (partitions == null) {
            throw new IllegalStateException("Cannot list the partitions of a request for all partitions");
        }
        return partitions;
    }

    /** Returns whether the partitions should say how they ran the query. */
    public boolean executionInfoEnabled() {
        return executionInfoEnabled;
    }

    /** Returns whether only active tasks may answer. */
    public boolean isRequireActive() {
        return requireActive;
    }

    @Override
    public String toString() {
        return "StateQueryRequest{storeName='" + storeName + "', query=" + query + ", positionBound=" + positionBound
            + ", partitions=" + (partitions == null ? "all" : partitions) + ", executionInfoEnabled="
            + executionInfoEnabled + ", requireActive=" + requireActive + "}";
    }

    /** The first step of building a request: the store is named, the query not yet given. */
    public static final class InStore {
        private final String name;

        private InStore(String name) {
            this.name = name;
        }

        /** Returns a request to run {@code query} on every local partition of the store, unbounded. */
        public <R> StateQueryRequest<R> withQuery(Query<R> query) {
            return new StateQueryRequest<>(name, Objects.requireNonNull(query, "query"), PositionBound.unbounded(),
                null, false, false);
        }
    }
}
