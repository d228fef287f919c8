package dev.runnel.streams.query;

/** The order in which a query returns its results, as one of its options (KIP-968, KIP-985). */
public enum ResultOrder {
    /** The query's default: whatever order the store finds cheapest, documented per query. */
    ANY,
    /** In ascending order. */
    ASCENDING,
    /** In descending order. */
    DESCENDING
}
