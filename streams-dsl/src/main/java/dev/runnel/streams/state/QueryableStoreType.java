package dev.runnel.streams.state;

import dev.runnel.streams.processor.StateStore;
import java.util.List;
import java.util.function.Supplier;

/**
 * A kind of read-only store view for interactive queries; see {@link QueryableStoreTypes} for the built-in ones.
 *
 * @param <T> the view's type, e.g. {@code ReadOnlyKeyValueStore<K, V>}
 */
public interface QueryableStoreType<T> {
    /** Returns whether {@code stateStore} can be read through this view. */
    boolean accepts(StateStore stateStore);

    /**
     * Creates the view over a store's partitions.
     *
     * @param stores returns, on each call, the accepted local instances of the store (one per task); the view calls
     *               it on every read, so it follows rebalances
     */
    T create(Supplier<List<StateStore>> stores, String storeName);
}
