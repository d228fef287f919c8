package dev.runnel.streams.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.internal.state.InMemoryKeyValueBytesStoreSupplier;
import dev.runnel.streams.internal.state.KeyValueStoreBuilder;
import dev.runnel.streams.internal.state.TimestampedKeyValueStoreBuilder;
import java.util.Objects;

/**
 * Factories for store suppliers and builders.
 *
 * <pre>{@code
 * StoreBuilder<KeyValueStore<String, Long>> counts = Stores.keyValueStoreBuilder(
 *     Stores.inMemoryKeyValueStore("counts"), Serdes.String(), Serdes.Long());
 * topology.addStateStore(counts, "counter");
 * }</pre>
 *
 * <p>Runnel keeps every store's data in memory and logs its changes to a changelog topic, so the
 * {@code persistent*} factories return in-memory stores: durability comes from the changelog, as it does for Kafka
 * Streams' in-memory stores.
 */
public final class Stores {
    private Stores() {
    }

    /** Returns a supplier of in-memory key-value stores. */
    public static KeyValueBytesStoreSupplier inMemoryKeyValueStore(String name) {
        return new InMemoryKeyValueBytesStoreSupplier(Objects.requireNonNull(name, "name"));
    }

    /** Returns a supplier of key-value stores; in-memory in Runnel (see the class comment). */
    public static KeyValueBytesStoreSupplier persistentKeyValueStore(String name) {
        return inMemoryKeyValueStore(name);
    }

    /** Returns a supplier of stores for timestamped key-value stores; in-memory in Runnel. */
    public static KeyValueBytesStoreSupplier persistentTimestampedKeyValueStore(String name) {
        return inMemoryKeyValueStore(name);
    }

    /**
     * Returns a builder of key-value stores; {@code null} serdes fall back to the application's default serdes.
     */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(KeyValueBytesStoreSupplier supplier,
        Serde<K> keySerde, Serde<V> valueSerde) {
        return new KeyValueStoreBuilder<>(Objects.requireNonNull(supplier, "supplier"), keySerde, valueSerde,
            Time.SYSTEM);
    }

    /** Returns a builder of timestamped key-value stores; {@code null} serdes fall back to the defaults. */
    public static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValueStoreBuilder(
        KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TimestampedKeyValueStoreBuilder<>(Objects.requireNonNull(supplier, "supplier"), keySerde,
            valueSerde, Time.SYSTEM);
    }
}
