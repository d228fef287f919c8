package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.processor.api.ProcessingContext;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;
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

    /** Returns a supplier of getters reading the timestamped store {@code storeName}. */
    static <K, V> KTableValueGetterSupplier<K, V> ofStore(String storeName) {
        return new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, V> get() {
                return new KTableValueGetter<>() {
                    private TimestampedKeyValueStore<K, V> store;

                    @Override
                    public void init(ProcessingContext context) {
                        store = context.getStateStore(storeName);
                    }

                    @Override
                    public ValueAndTimestamp<V> get(K key) {
                        return store.get(key);
                    }
                };
            }

            @Override
            public Set<String> storeNames() {
                return Set.of(storeName);
            }
        };
    }
}
