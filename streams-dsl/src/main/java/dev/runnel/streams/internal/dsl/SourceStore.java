package dev.runnel.streams.internal.dsl;

/**
 * The store of the source table a table's values and old values come from, which is added only once an operation
 * needs it (KAFKA-6036): until then the source forwards its changes without old values. Not thread-safe; used while
 * the DSL builds the topology.
 */
interface SourceStore {
    /** The source store of tables that have their own store or do not read a source's: always there. */
    SourceStore OWN = new SourceStore() {
        @Override
        public void materialize() {
        }

        @Override
        public boolean materialized() {
            return true;
        }
    };

    /** Adds the store; does nothing once it has. */
    void materialize();

    /** Returns whether the store was added. */
    boolean materialized();
}
