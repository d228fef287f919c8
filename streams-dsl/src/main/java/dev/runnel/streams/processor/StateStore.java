package dev.runnel.streams.processor;

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
}
