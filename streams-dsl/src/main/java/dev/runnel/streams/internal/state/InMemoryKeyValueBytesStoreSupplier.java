package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;

/**
 * Supplies {@link InMemoryKeyValueStore}s; {@code metricsScope} names their metrics tag {@code
 * <metricsScope>-state-id}: {@code in-memory}, or {@code in-memory-suppression} for a suppression's buffer, as Kafka
 * Streams tags them.
 */
public record InMemoryKeyValueBytesStoreSupplier(String name, String metricsScope)
    implements KeyValueBytesStoreSupplier {
    /** The scope of a suppression buffer's metrics. */
    public static final String SUPPRESSION_SCOPE = "in-memory-suppression";

    /** Supplies in-memory stores named {@code name} in the scope {@code in-memory}. */
    public InMemoryKeyValueBytesStoreSupplier(String name) {
        this(name, "in-memory");
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new InMemoryKeyValueStore(name);
    }
}
