package dev.runnel.streams.kstream;

import dev.runnel.streams.processor.ConnectedStoreProvider;
import java.util.function.Supplier;

/**
 * Creates the {@link ValueTransformerWithKey} of each task, and may bring the stores it uses (see
 * {@link ConnectedStoreProvider#stores()}). {@link #get()} must return a new transformer every call.
 */
@FunctionalInterface
public interface ValueTransformerWithKeySupplier<K, V, VR> extends ConnectedStoreProvider,
    Supplier<ValueTransformerWithKey<K, V, VR>> {
    /** Returns a new transformer. */
    @Override
    ValueTransformerWithKey<K, V, VR> get();
}
