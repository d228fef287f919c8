package dev.runnel.streams.processor;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.query.Position;
import dev.runnel.streams.query.PositionBound;
import dev.runnel.streams.query.Query;
import dev.runnel.streams.query.QueryConfig;
import dev.runnel.streams.query.QueryResult;
import java.util.Map;

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

    /**
     * Writes any buffered data through to the layer below. Runnel's own stores still do; the runtime no longer calls
     * it directly, only through {@link #commit}'s default.
     *
     * @deprecated as in Kafka 4.3 (KIP-1035): the runtime commits stores with {@link #commit}; a processor that needs
     *     its writes committed early calls {@code ProcessingContext#commit()}. Does nothing by default.
     */
    @Deprecated
    default void flush() {
    }

    /**
     * Commits everything written to the store so far; the runtime calls it at each commit of the store's task (once
     * its writes and input offsets are committed, under exactly-once after the transaction), and a standby or global
     * task's store when the runtime checkpoints it. Processors must not call it: they ask for a commit with
     * {@code ProcessingContext#commit()}.
     *
     * <p>{@code changelogOffsets} holds, for the store's changelog partition (each partition of a global store's
     * topic), the offset up to which the store's state covers it: the next offset to restore from. It is empty for a
     * store without a changelog. A store that {@link #managesOffsets() manages its offsets} must keep them durable
     * with the records they cover, so that {@link #committedOffset} returns them after a restart. By default calls
     * {@link #flush()}, so stores written before KIP-1035 keep working.
     */
    @SuppressWarnings("deprecation")
    default void commit(Map<TopicPartition, Long> changelogOffsets) {
        flush();
    }

    /**
     * Returns the offset of {@code partition} that the store last {@link #commit committed}, or {@code null} if it has
     * none or does not {@link #managesOffsets() manage its offsets} (the default). The runtime restores a store that
     * manages its offsets from this offset on.
     */
    default Long committedOffset(TopicPartition partition) {
        return null;
    }

    /**
     * Returns whether the store keeps its changelog offsets itself (KIP-1035): the runtime then leaves them out of the
     * task's checkpoint file, hands them to the store in {@link #commit}, and restores the store from
     * {@link #committedOffset} (from the changelog's start when that is {@code null}). False by default: the runtime
     * checkpoints the offsets, and restores a store from them only when it can load the store's snapshot (Runnel's
     * in-memory key-value stores), otherwise from the changelog's start.
     */
    default boolean managesOffsets() {
        return false;
    }

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
