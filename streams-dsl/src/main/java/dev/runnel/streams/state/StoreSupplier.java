package dev.runnel.streams.state;

import dev.runnel.streams.processor.StateStore;

/** Creates the innermost (bytes) store of each task; {@link #get()} must return a new instance every call. */
public interface StoreSupplier<T extends StateStore> {
    /** Returns the store name. */
    String name();

    /** Returns a new store. */
    T get();

    /** Returns the metrics scope of the store type, such as {@code "in-memory"}. */
    String metricsScope();
}
