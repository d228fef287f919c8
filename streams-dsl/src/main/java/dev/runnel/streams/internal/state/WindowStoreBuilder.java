package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@code Metered(Caching?(ChangeLogging?(supplier.get())))}, the layering of {@link KeyValueStoreBuilder}.
 */
public class WindowStoreBuilder<K, V> extends AbstractStoreBuilder<K, V, WindowStore<K, V>> {
    /** Kafka's {@code windowstore.changelog.additional.retention.ms} default: one day. */
    public static final long DEFAULT_ADDITIONAL_RETENTION_MS = 24 * 60 * 60 * 1000L;

    private static final Logger LOG = LoggerFactory.getLogger(WindowStoreBuilder.class);

    private final WindowBytesStoreSupplier supplier;

    /** Creates the builder; serdes may be {@code null} for the application defaults. */
    public WindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde, Time time) {
        super(supplier.name(), keySerde, valueSerde, time);
        this.supplier = supplier;
    }

    @Override
    public WindowStore<K, V> build() {
        return new MeteredWindowStore<>(bytesLayers(StoreValueLayout.PLAIN), keySerde(), valueSerde(),
            supplier.metricsScope());
    }

    /** Returns the supplier the bytes store comes from. */
    public WindowBytesStoreSupplier supplier() {
        return supplier;
    }

    /**
     * Returns the supplier's new bytes store, whose values have {@code layout}, with the layers this builder enables
     * around it.
     */
    protected WindowStore<Bytes, byte[]> bytesLayers(StoreValueLayout layout) {
        WindowStore<Bytes, byte[]> store = supplier.get();
        if (loggingEnabled()) {
            store = new ChangeLoggingWindowBytesStore(store, layout, supplier.retainDuplicates());
        }
        return maybeWithCaching(store);
    }

    /**
     * Returns {@code store} behind a {@link CachingWindowStore} if caching is enabled, unless the store retains
     * duplicates (a join buffer, where every value counts), as in Kafka Streams.
     */
    protected WindowStore<Bytes, byte[]> maybeWithCaching(WindowStore<Bytes, byte[]> store) {
        if (!cachingEnabled()) {
            return store;
        }
        if (supplier.retainDuplicates()) {
            LOG.warn("Disabling caching for window store {}: it retains duplicates", name());
            return store;
        }
        return new CachingWindowStore(store, supplier.windowSize());
    }

    /**
     * Returns the changelog topic configs of a window store, as Kafka Streams creates them: the user's configs over
     * {@code cleanup.policy=compact,delete} and {@code retention.ms} = the store's retention plus
     * {@code additionalRetentionMs} ({@code windowstore.changelog.additional.retention.ms}).
     */
    public static Map<String, String> changelogTopicConfig(Map<String, String> userConfig, long retentionPeriod,
        long additionalRetentionMs) {
        Map<String, String> config = new HashMap<>();
        config.put("cleanup.policy", "compact,delete");
        long retentionMs = retentionPeriod + additionalRetentionMs;
        config.put("retention.ms", Long.toString(retentionMs < retentionPeriod ? Long.MAX_VALUE : retentionMs));
        config.putAll(userConfig);
        return config;
    }
}
