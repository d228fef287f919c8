package dev.runnel.streams.internal.dsl;

/**
 * The store of the source table a table's values and old values come from, which is added only once an operation
 * needs it (KAFKA-6036): until then the source forwards its changes without old values. Not thread-safe; used while
 * the DSL builds the topology.
 */
interface SourceStore {
    /** Adds the store; does nothing once it has. */
    void materialize();

    /** Returns whether the store was added. */
    boolean materialized();
}
