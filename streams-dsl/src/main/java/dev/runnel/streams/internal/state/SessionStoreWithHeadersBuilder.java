package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.SessionStoreWithHeaders;

/**
 * Builds headers-aware session stores with the layering of {@link SessionStoreBuilder}: the bytes layers keep the
 * KIP-1271 aggregates as they are, and the changelog carries the headers as record headers
 * ({@link PlainValueChangeLogger}).
 */
public final class SessionStoreWithHeadersBuilder<K, V>
    extends AbstractStoreBuilder<K, V, SessionStoreWithHeaders<K, V>> {
    private final SessionStoreBuilder<K, V> layers;

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public SessionStoreWithHeadersBuilder(SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde,
        Time time) {
        super(supplier.name(), keySerde, valueSerde, time);
        this.layers = new SessionStoreBuilder<>(supplier, keySerde, valueSerde, time);
    }

    /** Returns the supplier the bytes store comes from. */
    public SessionBytesStoreSupplier supplier() {
        return layers.supplier();
    }

    @Override
    public SessionStoreWithHeaders<K, V> build() {
        applySettingsTo(layers);
        return new MeteredSessionStoreWithHeaders<>(layers.bytesLayers(StoreValueLayout.HEADERS), keySerde(),
            valueSerde(), supplier().metricsScope());
    }
}
