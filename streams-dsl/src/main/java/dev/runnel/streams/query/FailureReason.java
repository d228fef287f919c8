package dev.runnel.streams.query;

/**
 * Why one partition of a store did not run a query; see {@link QueryResult#forFailure}. The constants are declared in
 * Kafka Streams' order, so their ordinals match.
 */
public enum FailureReason {
    /** The store does not know how to run this kind of query. */
    UNKNOWN_QUERY_TYPE,
    /**
     * The request {@link StateQueryRequest#requireActive() required an active task}, and this instance hosts the
     * partition only as a standby task.
     */
    NOT_ACTIVE,
    /** The partition's store has not (yet) reached the request's {@link PositionBound}. */
    NOT_UP_TO_BOUND,
    /**
     * The requested partition is not hosted by this instance now (it may have migrated in a rebalance): refresh the
     * routing metadata and ask the instance that hosts it.
     */
    NOT_PRESENT,
    /** The requested store partition does not exist at all. */
    DOES_NOT_EXIST,
    /** The store threw an exception while running the query; the message says which. */
    STORE_EXCEPTION
}
