package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.SessionStore;

/**
 * Builds {@code Metered(Caching?(ChangeLogging?(supplier.get())))} session stores, the layering of
 * {@link KeyValueStoreBuilder}.
 */
public class SessionStoreBuilder<K, V> extends AbstractStoreBuilder<K, V, SessionStore<K, V>> {
    private final SessionBytesStoreSupplier supplier;

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public SessionStoreBuilder(SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde, Time time) {
        super(supplier.name(), keySerde, valueSerde, time);
        this.supplier = supplier;
    }

    /** Returns the supplier the bytes store comes from. */
    public SessionBytesStoreSupplier supplier() {
        return supplier;
    }

    @Override
    public SessionStore<K, V> build() {
        return new MeteredSessionStore<>(bytesLayers(StoreValueLayout.PLAIN), keySerde(), valueSerde(),
            supplier.metricsScope());
    }

    /**
     * Returns the supplier's new bytes store, whose aggregates have {@code layout}, with the layers this builder
     * enables around it.
     */
    SessionStore<Bytes, byte[]> bytesLayers(StoreValueLayout layout) {
        SessionStore<Bytes, byte[]> store = supplier.get();
        if (loggingEnabled()) {
            store = new ChangeLoggingSessionBytesStore(store, layout);
        }
        return maybeWithCaching(store);
    }

    /** Returns {@code store} behind a {@link CachingSessionStore} if caching is enabled. */
    protected SessionStore<Bytes, byte[]> maybeWithCaching(SessionStore<Bytes, byte[]> store) {
        return cachingEnabled() ? new CachingSessionStore(store) : store;
    }
}
