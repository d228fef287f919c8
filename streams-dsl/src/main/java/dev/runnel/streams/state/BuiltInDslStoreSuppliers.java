package dev.runnel.streams.state;

import dev.runnel.streams.DslStoreFormat;
import dev.runnel.streams.internal.state.HeadersKeyValueBytesStoreSupplier;
import dev.runnel.streams.internal.state.HeadersSessionBytesStoreSupplier;
import dev.runnel.streams.internal.state.HeadersWindowBytesStoreSupplier;

/**
 * The two built-in {@link DslStoreSuppliers}, named after Kafka Streams' RocksDB and in-memory stores. Both give
 * Runnel's in-memory stores (see {@link Stores}): the names exist so that applications choosing either keep working.
 * Asked for the {@link DslStoreFormat#HEADERS} format, both return suppliers marked with
 * {@link HeadersBytesStoreSupplier}, so that the DSL builds headers-aware stores over them (KIP-1285).
 */
public class BuiltInDslStoreSuppliers {
    /** The suppliers {@code default.dsl.store=rocksDB} (the default) stands for. */
    public static final DslStoreSuppliers ROCKS_DB = new RocksDBDslStoreSuppliers();
    /** The suppliers {@code default.dsl.store=in_memory} stands for. */
    public static final DslStoreSuppliers IN_MEMORY = new InMemoryDslStoreSuppliers();

    /** Public as in Kafka Streams; everything here is static. */
    public BuiltInDslStoreSuppliers() {
    }

    /**
     * Kafka's default DSL stores, from {@link Stores}' {@code persistent*} factories; in Runnel these are in-memory
     * stores, logged to their changelog topics.
     */
    public static class RocksDBDslStoreSuppliers implements DslStoreSuppliers {
        /** Creates the suppliers. */
        public RocksDBDslStoreSuppliers() {
        }

        @Override
        public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
            return switch (params.dslStoreFormat()) {
                case PLAIN -> Stores.persistentKeyValueStore(params.name());
                case TIMESTAMPED -> Stores.persistentTimestampedKeyValueStore(params.name());
                case HEADERS -> Stores.persistentTimestampedKeyValueStoreWithHeaders(params.name());
            };
        }

        @Override
        public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
            return switch (params.dslStoreFormat()) {
                case PLAIN -> Stores.persistentWindowStore(params.name(), params.retentionPeriod(),
                    params.windowSize(), params.retainDuplicates());
                case TIMESTAMPED -> Stores.persistentTimestampedWindowStore(params.name(), params.retentionPeriod(),
                    params.windowSize(), params.retainDuplicates());
                case HEADERS -> Stores.persistentTimestampedWindowStoreWithHeaders(params.name(),
                    params.retentionPeriod(), params.windowSize(), params.retainDuplicates());
            };
        }

        @Override
        public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
            return params.storeFormat() == DslStoreFormat.HEADERS
                ? Stores.persistentSessionStoreWithHeaders(params.name(), params.retentionPeriod())
                : Stores.persistentSessionStore(params.name(), params.retentionPeriod());
        }
    }

    /** Kafka's in-memory DSL stores, from {@link Stores}' {@code inMemory*} factories. */
    public static class InMemoryDslStoreSuppliers implements DslStoreSuppliers {
        /** Creates the suppliers. */
        public InMemoryDslStoreSuppliers() {
        }

        @Override
        public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
            KeyValueBytesStoreSupplier supplier = Stores.inMemoryKeyValueStore(params.name());
            return params.dslStoreFormat() == DslStoreFormat.HEADERS
                ? new HeadersKeyValueBytesStoreSupplier(supplier) : supplier;
        }

        @Override
        public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
            WindowBytesStoreSupplier supplier = Stores.inMemoryWindowStore(params.name(), params.retentionPeriod(),
                params.windowSize(), params.retainDuplicates());
            return params.dslStoreFormat() == DslStoreFormat.HEADERS
                ? new HeadersWindowBytesStoreSupplier(supplier) : supplier;
        }

        @Override
        public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
            SessionBytesStoreSupplier supplier = Stores.inMemorySessionStore(params.name(), params.retentionPeriod());
            return params.storeFormat() == DslStoreFormat.HEADERS
                ? new HeadersSessionBytesStoreSupplier(supplier) : supplier;
        }
    }
}
