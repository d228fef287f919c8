package dev.runnel.streams.internal.dsl;

import java.util.Set;

/**
 * Creates value getters of one table, and names the stores a processor using them must be connected to.
 * {@link #get()} returns a new getter every call.
 */
public interface KTableValueGetterSupplier<K, V> {
    /** Returns a new getter. */
    KTableValueGetter<K, V> get();

    /** Returns the stores the getters read. */
    Set<String> storeNames();

    /** Returns a supplier of getters reading the store {@code storeName}: a timestamped or a versioned one. */
    static <K, V> KTableValueGetterSupplier<K, V> ofStore(String storeName) {
        return new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, V> get() {
                return new StoreValueGetter<>(storeName);
            }

            @Override
            public Set<String> storeNames() {
                return Set.of(storeName);
            }
        };
    }
}
