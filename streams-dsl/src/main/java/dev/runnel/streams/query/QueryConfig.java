package dev.runnel.streams.query;

/**
 * What the runtime tells a store about how to run a query, passed to
 * {@link dev.runnel.streams.processor.StateStore#query}. Immutable.
 */
public class QueryConfig {
    private final boolean collectExecutionInfo;

    /** Creates a config; {@code collectExecutionInfo} asks the store to record how it ran the query. */
    public QueryConfig(boolean collectExecutionInfo) {
        this.collectExecutionInfo = collectExecutionInfo;
    }

    /** Returns whether the store should add execution info to its result ({@link QueryResult#addExecutionInfo}). */
    public boolean isCollectExecutionInfo() {
        return collectExecutionInfo;
    }
}
