package dev.runnel.streams;

import dev.runnel.common.config.AbstractConfig;
import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.ConfigException;
import dev.runnel.streams.errors.DeserializationExceptionHandler;
import dev.runnel.streams.errors.ProcessingExceptionHandler;
import dev.runnel.streams.internal.state.DslStoreChoice;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.processor.TimestampExtractor;
import dev.runnel.streams.processor.api.ProcessorWrapper;
import dev.runnel.streams.state.DslStoreSuppliers;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The configs that apply to one topology, read from a {@link StreamsConfig}: pass it to
 * {@link StreamsBuilder#StreamsBuilder(TopologyConfig)} (or {@link Topology#Topology(TopologyConfig)}) so that the
 * DSL takes its stores from the {@code dsl.store.suppliers.class} or {@code default.dsl.store} it sets, and every
 * processor is wrapped by the {@code processor.wrapper.class} it sets, as the topology is built. As in Kafka
 * Streams, only a named topology's overrides differ from the application's configs; the running client still takes
 * cache size, task idling, buffering, timestamp extractor and deserialization handler from its own
 * {@link StreamsConfig}.
 *
 * <p>As in Kafka Streams it is an {@link AbstractConfig} of the configs a topology may override, parsed from the
 * overrides (the application's configs for its only topology): a key not given is unset ({@code null}), except
 * {@code default.dsl.store}, {@code dsl.store.suppliers.class}, {@code processor.wrapper.class} and
 * {@code ensure.explicit.internal.resource.naming}, which keep their defaults.
 */
public final class TopologyConfig extends AbstractConfig {
    private static final Set<String> KEEPING_DEFAULTS = Set.of(StreamsConfig.DEFAULT_DSL_STORE_CONFIG,
        StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG,
        StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG);
    /** The configs a topology may override, defined as the application's are, in Kafka Streams' order. */
    private static final ConfigDef CONFIG = overridable(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG,
        StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG,
        StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
        StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_CONFIG,
        StreamsConfig.TASK_TIMEOUT_MS_CONFIG, StreamsConfig.DEFAULT_DSL_STORE_CONFIG,
        StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG);

    /** The topology name, or {@code null} for the application's only topology. */
    public final String topologyName;
    /** The application's configs. */
    public final StreamsConfig applicationConfigs;
    /** This topology's overrides of them; used only by a named topology. */
    public final Properties topologyOverrides;
    /** {@code buffered.records.per.partition}. */
    public final int maxBufferedSize;
    /** {@code statestore.cache.max.bytes}. */
    public final long cacheSize;
    /** {@code max.task.idle.ms}. */
    public final long maxTaskIdleMs;
    /** {@code task.timeout.ms}. */
    public final long taskTimeoutMs;
    /** Whether the application's {@code processing.guarantee} is exactly-once (never a topology override). */
    public final boolean eosEnabled;
    /** {@code default.dsl.store}. */
    public final String storeType;
    /** {@code dsl.store.suppliers.class}. */
    public final Class<?> dslStoreSuppliers;
    /** Creates new instances of {@code default.timestamp.extractor}. */
    public final Supplier<TimestampExtractor> timestampExtractorSupplier;
    /** Creates new instances of {@code deserialization.exception.handler}. */
    public final Supplier<DeserializationExceptionHandler> deserializationExceptionHandlerSupplier;
    /** Creates new instances of {@code processing.exception.handler}. */
    public final Supplier<ProcessingExceptionHandler> processingExceptionHandlerSupplier;
    /** {@code ensure.explicit.internal.resource.naming}: whether generated internal resource names fail a build. */
    public final boolean ensureExplicitInternalResourceNaming;

    private final StreamsConfig effective;

    /** Reads the topology configs of {@code configs}. */
    public TopologyConfig(StreamsConfig configs) {
        this(null, configs, properties(configs.originals()));
    }

    /**
     * Reads the topology configs of topology {@code topologyName}: {@code topologyOverrides} over
     * {@code globalAppConfigs} if the topology is named, else {@code globalAppConfigs} alone, as in Kafka Streams.
     *
     * @throws dev.runnel.common.config.ConfigException if an override has an invalid value
     */
    public TopologyConfig(String topologyName, StreamsConfig globalAppConfigs, Properties topologyOverrides) {
        super(CONFIG, topologyOverrides, false);
        this.topologyName = topologyName;
        this.applicationConfigs = Objects.requireNonNull(globalAppConfigs, "globalAppConfigs");
        this.topologyOverrides = Objects.requireNonNull(topologyOverrides, "topologyOverrides");
        this.effective = topologyName == null ? globalAppConfigs : withOverrides(globalAppConfigs, topologyOverrides);
        this.maxBufferedSize = effective.getInt(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG);
        this.cacheSize = effective.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
        this.maxTaskIdleMs = effective.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
        this.taskTimeoutMs = effective.getLong(StreamsConfig.TASK_TIMEOUT_MS_CONFIG);
        this.eosEnabled = globalAppConfigs.exactlyOnce();
        this.storeType = effective.getString(StreamsConfig.DEFAULT_DSL_STORE_CONFIG);
        this.dslStoreSuppliers = (Class<?>) effective.values().get(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG);
        this.timestampExtractorSupplier = effective::defaultTimestampExtractor;
        this.deserializationExceptionHandlerSupplier = effective::deserializationExceptionHandler;
        this.processingExceptionHandlerSupplier = effective::processingExceptionHandler;
        this.ensureExplicitInternalResourceNaming =
            effective.getBoolean(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG);
    }

    /** Each key as the application defines it, unset and unchecked by default unless it keeps its default. */
    private static ConfigDef overridable(String... names) {
        ConfigDef def = new ConfigDef();
        for (String name : names) {
            ConfigDef.ConfigKey key = StreamsConfigDefinition.DEFINITION.configKeys().get(name);
            boolean keepsDefault = KEEPING_DEFAULTS.contains(name);
            def.define(name, key.type, keepsDefault ? key.defaultValue : null, keepsDefault ? key.validator : null,
                key.importance, key.documentation);
        }
        return def;
    }

    private static Properties properties(Map<String, Object> configs) {
        Properties props = new Properties();
        props.putAll(configs);
        return props;
    }

    private static StreamsConfig withOverrides(StreamsConfig global, Properties overrides) {
        Map<Object, Object> merged = new HashMap<>(global.originals());
        merged.putAll(overrides);
        // The application's configs were logged when it created them.
        return new StreamsConfig(merged, false);
    }

    /**
     * Returns a new instance of {@code processor.wrapper.class}, configured with these configs.
     *
     * @throws ConfigException if it cannot be created or configured, or is not a
     *     {@link ProcessorWrapper}
     */
    ProcessorWrapper processorWrapper() {
        try {
            ProcessorWrapper wrapper = effective.getConfiguredInstance(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG,
                ProcessorWrapper.class);
            wrapper.configure(effective.originals());
            return wrapper;
        } catch (RuntimeException e) {
            // Kafka Streams' message, whatever went wrong
            throw new ConfigException("Unable to instantiate ProcessorWrapper from value of config "
                + StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG + ". Please provide a valid class that implements the"
                + " ProcessorWrapper interface.", e);
        }
    }

    /** Returns whether this is the config of a named topology. */
    public boolean isNamedTopology() {
        return topologyName != null;
    }

    /** Returns the store type {@code default.dsl.store} names. */
    public Materialized.StoreType parseStoreType() {
        return StreamsConfig.IN_MEMORY.equals(storeType) ? Materialized.StoreType.IN_MEMORY
            : Materialized.StoreType.ROCKS_DB;
    }

    /** Returns the configs a task of this topology runs with, with new instances of the extractor and handlers. */
    public TaskConfig getTaskConfig() {
        return new TaskConfig(this);
    }

    /** The configs of one task, as {@link #getTaskConfig()} returns them. */
    public static final class TaskConfig {
        /** {@code max.task.idle.ms}. */
        public final long maxTaskIdleMs;
        /** {@code task.timeout.ms}. */
        public final long taskTimeoutMs;
        /** {@code buffered.records.per.partition}. */
        public final int maxBufferedSize;
        /** An instance of {@code default.timestamp.extractor}. */
        public final TimestampExtractor timestampExtractor;
        /** An instance of {@code deserialization.exception.handler}. */
        public final DeserializationExceptionHandler deserializationExceptionHandler;
        /** An instance of {@code processing.exception.handler}. */
        public final ProcessingExceptionHandler processingExceptionHandler;
        /** Whether processing is exactly-once. */
        public final boolean eosEnabled;

        private TaskConfig(TopologyConfig topology) {
            this.maxTaskIdleMs = topology.maxTaskIdleMs;
            this.taskTimeoutMs = topology.taskTimeoutMs;
            this.maxBufferedSize = topology.maxBufferedSize;
            this.timestampExtractor = topology.timestampExtractorSupplier.get();
            this.deserializationExceptionHandler = topology.deserializationExceptionHandlerSupplier.get();
            this.processingExceptionHandler = topology.processingExceptionHandlerSupplier.get();
            this.eosEnabled = topology.eosEnabled;
        }
    }

    /**
     * Returns the DSL store suppliers these configs set explicitly: a new instance of
     * {@code dsl.store.suppliers.class}, else those {@code default.dsl.store} names; empty if neither is set, so
     * that the running client's config decides.
     */
    public Optional<DslStoreSuppliers> resolveDslStoreSuppliers() {
        return Optional.ofNullable(DslStoreChoice.explicit(effective));
    }
}
