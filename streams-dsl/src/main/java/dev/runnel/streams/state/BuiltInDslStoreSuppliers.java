package dev.runnel.streams.state;

/**
 * The two built-in {@link DslStoreSuppliers}, named after Kafka Streams' RocksDB and in-memory stores. Both give
 * Runnel's in-memory stores (see {@link Stores}): the names exist so that applications choosing either keep working.
 */
public final class BuiltInDslStoreSuppliers {
    /** The suppliers {@code default.dsl.store=rocksDB} (the default) stands for. */
    public static final DslStoreSuppliers ROCKS_DB = new RocksDBDslStoreSuppliers();
    /** The suppliers {@code default.dsl.store=in_memory} stands for. */
    public static final DslStoreSuppliers IN_MEMORY = new InMemoryDslStoreSuppliers();

    private BuiltInDslStoreSuppliers() {
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
            return params.isTimestamped()
                ? Stores.persistentTimestampedKeyValueStore(params.name())
                : Stores.persistentKeyValueStore(params.name());
        }

        @Override
        public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
            return params.isTimestamped()
                ? Stores.persistentTimestampedWindowStore(params.name(), params.retentionPeriod(),
                    params.windowSize(), params.retainDuplicates())
                : Stores.persistentWindowStore(params.name(), params.retentionPeriod(), params.windowSize(),
                    params.retainDuplicates());
        }

        @Override
        public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
            return Stores.persistentSessionStore(params.name(), params.retentionPeriod());
        }
    }

    /** Kafka's in-memory DSL stores, from {@link Stores}' {@code inMemory*} factories. */
    public static class InMemoryDslStoreSuppliers implements DslStoreSuppliers {
        /** Creates the suppliers. */
        public InMemoryDslStoreSuppliers() {
        }

        @Override
        public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
            return Stores.inMemoryKeyValueStore(params.name());
        }

        @Override
        public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
            return Stores.inMemoryWindowStore(params.name(), params.retentionPeriod(), params.windowSize(),
                params.retainDuplicates());
        }

        @Override
        public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
            return Stores.inMemorySessionStore(params.name(), params.retentionPeriod());
        }
    }
}
