package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.processor.StateStoreContext;

/** Picks a metered store's serdes when it is initialized: the configured one, else the application default. */
final class StoreSerdes {
    private StoreSerdes() {
    }

    /** Returns the key serde, failing with the fix when neither the store nor the application has one. */
    @SuppressWarnings("unchecked")
    static <K> Serde<K> keySerde(Serde<K> configured, StateStoreContext context, String storeName) {
        return (Serde<K>) require(configured != null ? configured : context.keySerde(), "key", storeName);
    }

    /** Returns the value serde, as {@link #keySerde} does. */
    static Serde<?> valueSerde(Serde<?> configured, StateStoreContext context, String storeName) {
        return require(configured != null ? configured : context.valueSerde(), "value", storeName);
    }

    private static Serde<?> require(Serde<?> serde, String what, String storeName) {
        if (serde == null) {
            throw new StreamsException("State store " + storeName + " has no " + what + " serde: pass serdes to the "
                + "store builder (or Materialized), or set default." + what + ".serde");
        }
        return serde;
    }
}
