package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.DslStoreFormat;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.BuiltInDslStoreSuppliers;
import dev.runnel.streams.state.DslKeyValueParams;
import dev.runnel.streams.state.DslSessionParams;
import dev.runnel.streams.state.DslStoreSuppliers;
import dev.runnel.streams.state.DslWindowParams;
import dev.runnel.streams.state.HeadersBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.StoreSupplier;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;

/**
 * Which {@link DslStoreSuppliers} one topology's DSL stores come from, when the operation chose none: the topology's
 * own ({@code TopologyConfig}, {@code StreamsBuilder#build(Properties)}), else the running client's config, else the
 * default, {@link BuiltInDslStoreSuppliers#ROCKS_DB}. The DSL gets its suppliers from here when it builds the
 * topology, but the client's config is known only later; so the suppliers returned ask the chosen
 * {@link DslStoreSuppliers} at every use, when the stores are built.
 *
 * <p>The client's {@code dsl.store.format} (KIP-1285) is read at the same time: with {@code HEADERS} the suppliers
 * are asked for the {@link DslStoreFormat#HEADERS} format instead of each operation's usual one. As in Kafka Streams
 * it is the client's setting only, not a topology's.
 */
public final class DslStoreChoice {
    private volatile DslStoreSuppliers topologyLevel;
    private volatile DslStoreSuppliers clientLevel;
    private volatile boolean headersFormat;

    /**
     * Returns the suppliers {@code config} sets explicitly: {@code dsl.store.suppliers.class} (a new, configured
     * instance), else {@code default.dsl.store}; {@code null} if it sets neither.
     */
    public static DslStoreSuppliers explicit(StreamsConfig config) {
        if (config.originals().containsKey(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG)) {
            DslStoreSuppliers suppliers = config.getConfiguredInstance(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                DslStoreSuppliers.class);
            suppliers.configure(config.originals());
            return suppliers;
        }
        if (config.originals().containsKey(StreamsConfig.DEFAULT_DSL_STORE_CONFIG)) {
            return StreamsConfig.IN_MEMORY.equals(config.getString(StreamsConfig.DEFAULT_DSL_STORE_CONFIG))
                ? BuiltInDslStoreSuppliers.IN_MEMORY
                : BuiltInDslStoreSuppliers.ROCKS_DB;
        }
        return null;
    }

    /** Sets the topology's own suppliers ({@code null} = none), which win over the client's config. */
    public void setTopologyLevel(DslStoreSuppliers suppliers) {
        this.topologyLevel = suppliers;
    }

    /** Returns whether the topology has its own suppliers. */
    public boolean hasTopologyLevel() {
        return topologyLevel != null;
    }

    /** Takes the suppliers and the store format of the client that runs the topology from its config. */
    public void configure(StreamsConfig config) {
        DslStoreSuppliers explicit = explicit(config);
        this.clientLevel = explicit != null ? explicit : BuiltInDslStoreSuppliers.ROCKS_DB;
        this.headersFormat = StreamsConfig.DSL_STORE_FORMAT_HEADERS.equalsIgnoreCase(
            config.getString(StreamsConfig.DSL_STORE_FORMAT_CONFIG));
    }

    /**
     * Returns whether {@code supplier}'s stores hold values in the headers format: whether it is a
     * {@link HeadersBytesStoreSupplier}, or, for a supplier returned here, whether the chosen one it asks is.
     */
    public static boolean givesHeadersFormat(StoreSupplier<?> supplier) {
        StoreSupplier<?> actual = supplier instanceof Deferred<?, ?> deferred ? deferred.delegate() : supplier;
        return actual instanceof HeadersBytesStoreSupplier;
    }

    /** Returns {@code chosen} if not {@code null}, else the topology's suppliers as the class comment says. */
    public DslStoreSuppliers suppliers(DslStoreSuppliers chosen) {
        if (chosen != null) {
            return chosen;
        }
        DslStoreSuppliers topology = topologyLevel;
        if (topology != null) {
            return topology;
        }
        DslStoreSuppliers client = clientLevel;
        return client != null ? client : BuiltInDslStoreSuppliers.ROCKS_DB;
    }

    /** Returns a supplier of the key-value store {@code params} describe, from {@code chosen} or as configured. */
    public KeyValueBytesStoreSupplier keyValueStore(DslStoreSuppliers chosen, DslKeyValueParams params) {
        return new KeyValueSupplier(this, chosen, params);
    }

    /** Returns a supplier of the window store {@code params} describe, from {@code chosen} or as configured. */
    public WindowBytesStoreSupplier windowStore(DslStoreSuppliers chosen, DslWindowParams params) {
        return new WindowSupplier(this, chosen, params);
    }

    /** Returns a supplier of the session store {@code params} describe, from {@code chosen} or as configured. */
    public SessionBytesStoreSupplier sessionStore(DslStoreSuppliers chosen, DslSessionParams params) {
        return new SessionSupplier(this, chosen, params);
    }

    /**
     * A store supplier that asks the chosen {@link DslStoreSuppliers} for the real one at each use; its name is the
     * DSL's.
     */
    private abstract static class Deferred<T extends StateStore, S extends StoreSupplier<T>>
        implements StoreSupplier<T> {
        final DslStoreChoice choice;
        final DslStoreSuppliers chosen;
        private final String name;

        Deferred(DslStoreChoice choice, DslStoreSuppliers chosen, String name) {
            this.choice = choice;
            this.chosen = chosen;
            this.name = name;
        }

        abstract S delegate();

        @Override
        public String name() {
            return name;
        }

        @Override
        public T get() {
            return delegate().get();
        }

        @Override
        public String metricsScope() {
            return delegate().metricsScope();
        }
    }

    private static final class KeyValueSupplier extends Deferred<KeyValueStore<Bytes, byte[]>,
        KeyValueBytesStoreSupplier> implements KeyValueBytesStoreSupplier {
        private final DslKeyValueParams params;

        KeyValueSupplier(DslStoreChoice choice, DslStoreSuppliers chosen, DslKeyValueParams params) {
            super(choice, chosen, params.name());
            this.params = params;
        }

        @Override
        KeyValueBytesStoreSupplier delegate() {
            return choice.suppliers(chosen).keyValueStore(choice.headersFormat
                ? new DslKeyValueParams(params.name(), DslStoreFormat.HEADERS) : params);
        }
    }

    private static final class WindowSupplier extends Deferred<WindowStore<Bytes, byte[]>, WindowBytesStoreSupplier>
        implements WindowBytesStoreSupplier {
        private final DslWindowParams params;

        WindowSupplier(DslStoreChoice choice, DslStoreSuppliers chosen, DslWindowParams params) {
            super(choice, chosen, params.name());
            this.params = params;
        }

        @Override
        WindowBytesStoreSupplier delegate() {
            return choice.suppliers(chosen).windowStore(choice.headersFormat
                ? new DslWindowParams(params.name(), params.retentionPeriod(), params.windowSize(),
                    params.retainDuplicates(), params.emitStrategy(), params.isSlidingWindow(), DslStoreFormat.HEADERS)
                : params);
        }

        @Override
        public long segmentIntervalMs() {
            return delegate().segmentIntervalMs();
        }

        // Size, duplicates and retention are the DSL's: the caching and changelog layers need them before any store.
        @Override
        public long windowSize() {
            return params.windowSize().toMillis();
        }

        @Override
        public boolean retainDuplicates() {
            return params.retainDuplicates();
        }

        @Override
        public long retentionPeriod() {
            return params.retentionPeriod().toMillis();
        }
    }

    private static final class SessionSupplier extends Deferred<SessionStore<Bytes, byte[]>,
        SessionBytesStoreSupplier> implements SessionBytesStoreSupplier {
        private final DslSessionParams params;

        SessionSupplier(DslStoreChoice choice, DslStoreSuppliers chosen, DslSessionParams params) {
            super(choice, chosen, params.name());
            this.params = params;
        }

        @Override
        SessionBytesStoreSupplier delegate() {
            return choice.suppliers(chosen).sessionStore(choice.headersFormat
                ? new DslSessionParams(params.name(), params.retentionPeriod(), params.emitStrategy(),
                    DslStoreFormat.HEADERS)
                : params);
        }

        @Override
        public long segmentIntervalMs() {
            return delegate().segmentIntervalMs();
        }

        @Override
        public long retentionPeriod() {
            return params.retentionPeriod().toMillis();
        }
    }
}
