package dev.runnel.streams.processor;

import dev.runnel.streams.query.Position;
import dev.runnel.streams.query.PositionBound;
import dev.runnel.streams.query.Query;
import dev.runnel.streams.query.QueryConfig;
import dev.runnel.streams.query.QueryResult;

/**
 * A storage engine owned by one task and reachable from the processors connected to it.
 *
 * <p>The runtime calls {@link #init} once before any processing, with the outermost store of the layering as
 * {@code root}; the store must then register itself with {@link StateStoreContext#register}. Stores are used by
 * one stream thread at a time; implementations that serve interactive queries must make reads safe on their own.
 */
public interface StateStore {
    /** Returns the store's name, unique within a topology. */
    String name();

    /**
     * Initializes the store and registers {@code root} with {@code context} for restoration.
     *
     * @param context the task's store context
     * @param root the outermost store of the layering this store belongs to, which is what gets registered
     */
    void init(StateStoreContext context, StateStore root);

    /** Writes any buffered data through to the layer below (and to the changelog). */
    void flush();

    /** Closes the store; later operations throw {@link dev.runnel.streams.errors.InvalidStateStoreException}. */
    void close();

    /** Returns whether the store keeps its data on disk; Runnel's stores are in memory with a changelog. */
    boolean persistent();

    /** Returns whether the store is open for reads and writes. */
    boolean isOpen();

    /**
     * Runs an Interactive Query v2 {@code query} that the runtime does not answer itself: Runnel's built-in stores
     * are answered through their typed read paths, and a custom store gets here to answer its own queries. The
     * runtime has checked {@code positionBound} against the task's position and sets that position on the result.
     * Called from query threads, concurrently with processing. By default the store knows no query.
     */
    default <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return QueryResult.forUnknownQueryType(query, this);
    }

    /**
     * Returns how far the store has read its inputs, for stores that track it themselves.
     *
     * @throws UnsupportedOperationException by default; the runtime tracks the position of Runnel's stores per task
     */
    default Position getPosition() {
        throw new UnsupportedOperationException("getPosition is not implemented by this StateStore ("
            + getClass() + ")");
    }
}
