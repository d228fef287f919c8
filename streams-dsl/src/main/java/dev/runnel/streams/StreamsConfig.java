package dev.runnel.streams;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.common.errors.InvalidConfigurationException;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.errors.DefaultProductionExceptionHandler;
import dev.runnel.streams.errors.DeserializationExceptionHandler;
import dev.runnel.streams.errors.LogAndFailExceptionHandler;
import dev.runnel.streams.errors.LogAndFailProcessingExceptionHandler;
import dev.runnel.streams.errors.ProcessingExceptionHandler;
import dev.runnel.streams.errors.ProductionExceptionHandler;
import dev.runnel.streams.internal.graph.NoOpProcessorWrapper;
import dev.runnel.streams.state.BuiltInDslStoreSuppliers;
import dev.runnel.streams.state.DslStoreSuppliers;
import dev.runnel.streams.state.HostInfo;
import dev.runnel.streams.processor.FailOnInvalidTimestamp;
import dev.runnel.streams.processor.TimestampExtractor;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration of a streams application: Kafka Streams' keys and defaults, plus Runnel's {@code log.dir}, which
 * is passed to the embedded clients. Parsed and validated once, at construction; immutable afterwards.
 *
 * <pre>{@code
 * Properties props = new Properties();
 * props.put(StreamsConfig.APPLICATION_ID_CONFIG, "clicks");
 * props.put(StreamsConfig.LOG_DIR_CONFIG, "runnel-data");
 * props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
 * StreamsConfig config = new StreamsConfig(props);
 * }</pre>
 *
 * <p>Class-valued keys take a {@code Class} or a class name, whose class needs a public no-argument constructor.
 * A bad value throws {@link InvalidConfigurationException} naming the key, the value and what is allowed; an unknown
 * key is logged as a warning.
 */
public final class StreamsConfig {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsConfig.class);

    /** {@code application.id}: required; names consumer groups, internal topics and the state directory. */
    public static final String APPLICATION_ID_CONFIG = "application.id";
    /** {@code bootstrap.servers}: broker list for remote clients; unused when running on the embedded log. */
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    /** {@code log.dir} (Runnel): the embedded log's data folder, passed to the clients; their default if unset. */
    public static final String LOG_DIR_CONFIG = "log.dir";
    /** {@code client.id}: prefix of the client ids; default empty. */
    public static final String CLIENT_ID_CONFIG = "client.id";
    /** {@code default.key.serde}: serde class for keys where the topology gives none; no default. */
    public static final String DEFAULT_KEY_SERDE_CLASS_CONFIG = "default.key.serde";
    /** {@code default.value.serde}: serde class for values where the topology gives none; no default. */
    public static final String DEFAULT_VALUE_SERDE_CLASS_CONFIG = "default.value.serde";
    /** {@code num.stream.threads}: processing threads per instance; default 1, at least 1. */
    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
    /** {@code commit.interval.ms}: how often tasks commit; default 30000, or 100 under exactly-once. */
    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    /** {@code statestore.cache.max.bytes}: record cache size across all threads; default 10485760 (10 MiB). */
    public static final String STATESTORE_CACHE_MAX_BYTES_CONFIG = "statestore.cache.max.bytes";
    /** {@code processing.guarantee}: {@code at_least_once} (default), {@code exactly_once_v2}, {@code exactly_once}. */
    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    /** {@code state.dir}: root of the task state directories; default {@code <java.io.tmpdir>/runnel-streams}. */
    public static final String STATE_DIR_CONFIG = "state.dir";
    /** {@code default.timestamp.extractor}: default {@link FailOnInvalidTimestamp}. */
    public static final String DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG = "default.timestamp.extractor";
    /** {@code deserialization.exception.handler}: default {@link LogAndFailExceptionHandler}. */
    public static final String DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG = "deserialization.exception.handler";
    /** {@code default.deserialization.exception.handler}: the older name of the key above, used if that is unset. */
    public static final String DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG =
        "default.deserialization.exception.handler";
    /** {@code production.exception.handler}: default {@link DefaultProductionExceptionHandler}. */
    public static final String PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG = "production.exception.handler";
    /** {@code default.production.exception.handler}: the older name of the key above, used if that is unset. */
    public static final String DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG =
        "default.production.exception.handler";
    /** {@code processing.exception.handler}: default {@link LogAndFailProcessingExceptionHandler}. */
    public static final String PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG = "processing.exception.handler";
    /**
     * {@code errors.dead.letter.queue.topic.name}: the topic the built-in exception handlers send failed records to
     * (KIP-1034); default none, no dead letter queue. Custom handlers choose their own records.
     */
    public static final String ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG = "errors.dead.letter.queue.topic.name";
    /** {@code application.server}: the {@code host:port} this instance serves interactive queries on; default none. */
    public static final String APPLICATION_SERVER_CONFIG = "application.server";
    /** {@code replication.factor}: of internal topics; default -1, the log's default. */
    public static final String REPLICATION_FACTOR_CONFIG = "replication.factor";
    /** {@code num.standby.replicas}: default 0. */
    public static final String NUM_STANDBY_REPLICAS_CONFIG = "num.standby.replicas";
    /** {@code topology.optimization}: {@code none} (default), {@code all}, or a comma-separated list of rules. */
    public static final String TOPOLOGY_OPTIMIZATION_CONFIG = "topology.optimization";
    /** {@code max.task.idle.ms}: how long a task waits for data on all its partitions; default 0. */
    public static final String MAX_TASK_IDLE_MS_CONFIG = "max.task.idle.ms";
    /** {@code buffered.records.per.partition}: input records buffered per partition; default 1000. */
    public static final String BUFFERED_RECORDS_PER_PARTITION_CONFIG = "buffered.records.per.partition";
    /** {@code poll.ms}: how long a thread blocks polling for input; default 100. */
    public static final String POLL_MS_CONFIG = "poll.ms";
    /** {@code metrics.recording.level}: {@code INFO} (default), {@code DEBUG} or {@code TRACE}; finer sensors idle. */
    public static final String METRICS_RECORDING_LEVEL_CONFIG = "metrics.recording.level";

    /**
     * {@code default.dsl.store}: the stores the DSL materializes its state in when nothing more specific is set,
     * {@link #ROCKS_DB} (the default) or {@link #IN_MEMORY}; both are Runnel's in-memory stores.
     */
    public static final String DEFAULT_DSL_STORE_CONFIG = "default.dsl.store";
    /** {@code default.dsl.store} value: Kafka's RocksDB stores (in-memory ones in Runnel). */
    public static final String ROCKS_DB = "rocksDB";
    /** {@code default.dsl.store} value: in-memory stores. */
    public static final String IN_MEMORY = "in_memory";
    /**
     * {@code dsl.store.suppliers.class}: the {@link dev.runnel.streams.state.DslStoreSuppliers} the DSL takes its
     * stores from; it wins over {@code default.dsl.store}.
     */
    public static final String DSL_STORE_SUPPLIERS_CLASS_CONFIG = "dsl.store.suppliers.class";
    /** The default {@code dsl.store.suppliers.class}. */
    public static final Class<?> DSL_STORE_SUPPLIERS_CLASS_DEFAULT =
        BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers.class;

    /**
     * {@code processor.wrapper.class}: the {@link dev.runnel.streams.processor.api.ProcessorWrapper} that wraps every
     * processor of a topology built with a {@link TopologyConfig} of these configs; by default none is wrapped.
     */
    public static final String PROCESSOR_WRAPPER_CLASS_CONFIG = "processor.wrapper.class";

    /** {@code processing.guarantee} value: at-least-once processing. */
    public static final String AT_LEAST_ONCE = "at_least_once";
    /** {@code processing.guarantee} value: exactly-once processing with one producer per thread. */
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    /** {@code processing.guarantee} value (Runnel, per DESIGN.md): the same as {@link #EXACTLY_ONCE_V2}. */
    public static final String EXACTLY_ONCE = "exactly_once";
    /** {@code topology.optimization} value: apply all optimizations. */
    public static final String OPTIMIZE = "all";
    /** {@code topology.optimization} value: apply none. */
    public static final String NO_OPTIMIZATION = "none";
    /** {@code topology.optimization} rule: reuse a table's source topic as its changelog. */
    public static final String REUSE_KTABLE_SOURCE_TOPICS = "reuse.ktable.source.topics";
    /** {@code topology.optimization} rule: merge repartition topics of the same key. */
    public static final String MERGE_REPARTITION_TOPICS = "merge.repartition.topics";
    /** {@code topology.optimization} rule: one store for a self-join. */
    public static final String SINGLE_STORE_SELF_JOIN = "single.store.self.join";

    /** Prefix of configs passed only to the consumers. */
    public static final String CONSUMER_PREFIX = "consumer.";
    /** Prefix of configs passed only to the producers. */
    public static final String PRODUCER_PREFIX = "producer.";
    /** Prefix of configs passed only to the admin client. */
    public static final String ADMIN_CLIENT_PREFIX = "admin.";
    /** Prefix of configs of the internal topics (changelog and repartition). */
    public static final String TOPIC_PREFIX = "topic.";

    private static final long DEFAULT_COMMIT_INTERVAL_MS = 30_000L;
    private static final long EOS_DEFAULT_COMMIT_INTERVAL_MS = 100L;
    private static final long DEFAULT_CACHE_MAX_BYTES = 10_485_760L;
    private static final Set<String> GUARANTEES = Set.of(AT_LEAST_ONCE, EXACTLY_ONCE_V2, EXACTLY_ONCE);
    private static final Set<String> OPTIMIZATIONS = Set.of(OPTIMIZE, NO_OPTIMIZATION, REUSE_KTABLE_SOURCE_TOPICS,
        MERGE_REPARTITION_TOPICS, SINGLE_STORE_SELF_JOIN);
    private static final Set<String> KEYS = Set.of(APPLICATION_ID_CONFIG, BOOTSTRAP_SERVERS_CONFIG, LOG_DIR_CONFIG,
        CLIENT_ID_CONFIG, DEFAULT_KEY_SERDE_CLASS_CONFIG, DEFAULT_VALUE_SERDE_CLASS_CONFIG, NUM_STREAM_THREADS_CONFIG,
        COMMIT_INTERVAL_MS_CONFIG, STATESTORE_CACHE_MAX_BYTES_CONFIG, PROCESSING_GUARANTEE_CONFIG, STATE_DIR_CONFIG,
        DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, APPLICATION_SERVER_CONFIG, REPLICATION_FACTOR_CONFIG,
        NUM_STANDBY_REPLICAS_CONFIG,
        TOPOLOGY_OPTIMIZATION_CONFIG, MAX_TASK_IDLE_MS_CONFIG, BUFFERED_RECORDS_PER_PARTITION_CONFIG, POLL_MS_CONFIG,
        METRICS_RECORDING_LEVEL_CONFIG, DEFAULT_DSL_STORE_CONFIG, DSL_STORE_SUPPLIERS_CLASS_CONFIG,
        PROCESSOR_WRAPPER_CLASS_CONFIG);

    private final Map<String, Object> originals;
    private final Map<String, Object> values;

    /** Parses and validates {@code props}; keys must be strings. */
    public StreamsConfig(Map<?, ?> props) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : props.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new InvalidConfigurationException("Config key " + entry.getKey() + " is not a String");
            }
            copy.put(key, entry.getValue());
        }
        this.originals = Collections.unmodifiableMap(copy);
        this.values = Collections.unmodifiableMap(parse(copy));
    }

    /** Parses and validates {@code props}. */
    public StreamsConfig(Properties props) {
        this((Map<?, ?>) props);
    }

    private static Map<String, Object> parse(Map<String, Object> originals) {
        Map<String, Object> parsed = new HashMap<>(originals);
        String applicationId = string(originals, APPLICATION_ID_CONFIG, null);
        if (applicationId == null || applicationId.isBlank()) {
            throw new InvalidConfigurationException("Missing required configuration \"" + APPLICATION_ID_CONFIG
                + "\" which has no default value.");
        }
        parsed.put(APPLICATION_ID_CONFIG, applicationId);
        parsed.put(BOOTSTRAP_SERVERS_CONFIG, string(originals, BOOTSTRAP_SERVERS_CONFIG, ""));
        parsed.put(CLIENT_ID_CONFIG, string(originals, CLIENT_ID_CONFIG, ""));
        String guarantee = string(originals, PROCESSING_GUARANTEE_CONFIG, AT_LEAST_ONCE);
        if (!GUARANTEES.contains(guarantee)) {
            throw invalid(PROCESSING_GUARANTEE_CONFIG, guarantee, "one of " + GUARANTEES);
        }
        parsed.put(PROCESSING_GUARANTEE_CONFIG, guarantee);
        boolean exactlyOnce = !AT_LEAST_ONCE.equals(guarantee);
        parsed.put(NUM_STREAM_THREADS_CONFIG, (int) number(originals, NUM_STREAM_THREADS_CONFIG, 1, 1));
        parsed.put(COMMIT_INTERVAL_MS_CONFIG, number(originals, COMMIT_INTERVAL_MS_CONFIG,
            exactlyOnce ? EOS_DEFAULT_COMMIT_INTERVAL_MS : DEFAULT_COMMIT_INTERVAL_MS, 0));
        parsed.put(STATESTORE_CACHE_MAX_BYTES_CONFIG,
            number(originals, STATESTORE_CACHE_MAX_BYTES_CONFIG, DEFAULT_CACHE_MAX_BYTES, 0));
        parsed.put(REPLICATION_FACTOR_CONFIG, (int) number(originals, REPLICATION_FACTOR_CONFIG, -1, -1));
        parsed.put(NUM_STANDBY_REPLICAS_CONFIG, (int) number(originals, NUM_STANDBY_REPLICAS_CONFIG, 0, 0));
        parsed.put(MAX_TASK_IDLE_MS_CONFIG, number(originals, MAX_TASK_IDLE_MS_CONFIG, 0, -1));
        parsed.put(BUFFERED_RECORDS_PER_PARTITION_CONFIG,
            (int) number(originals, BUFFERED_RECORDS_PER_PARTITION_CONFIG, 1000, 1));
        parsed.put(POLL_MS_CONFIG, number(originals, POLL_MS_CONFIG, 100, 0));
        parsed.put(STATE_DIR_CONFIG, string(originals, STATE_DIR_CONFIG,
            System.getProperty("java.io.tmpdir") + File.separator + "runnel-streams"));
        String optimization = string(originals, TOPOLOGY_OPTIMIZATION_CONFIG, NO_OPTIMIZATION);
        for (String rule : optimization.split(",")) {
            if (!OPTIMIZATIONS.contains(rule.trim())) {
                throw invalid(TOPOLOGY_OPTIMIZATION_CONFIG, optimization,
                    "'all', 'none' or a list of " + OPTIMIZATIONS);
            }
        }
        parsed.put(TOPOLOGY_OPTIMIZATION_CONFIG, optimization);
        String recordingLevel = string(originals, METRICS_RECORDING_LEVEL_CONFIG, Sensor.RecordingLevel.INFO.name());
        try {
            parsed.put(METRICS_RECORDING_LEVEL_CONFIG, Sensor.RecordingLevel.forName(recordingLevel).name());
        } catch (IllegalArgumentException e) {
            throw invalid(METRICS_RECORDING_LEVEL_CONFIG, recordingLevel, "one of INFO, DEBUG, TRACE");
        }
        parsed.putIfAbsent(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, FailOnInvalidTimestamp.class);
        Object deserializationHandler = originals.getOrDefault(DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            originals.getOrDefault(DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndFailExceptionHandler.class));
        parsed.put(DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, deserializationHandler);
        Object productionHandler = originals.getOrDefault(PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            originals.getOrDefault(DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DefaultProductionExceptionHandler.class));
        parsed.put(PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, productionHandler);
        // Class names become classes, as Kafka's appConfigs() show them (an unknown class fails here, at once).
        parsed.putIfAbsent(PROCESSOR_WRAPPER_CLASS_CONFIG, NoOpProcessorWrapper.class);
        for (String key : List.of(DEFAULT_KEY_SERDE_CLASS_CONFIG, DEFAULT_VALUE_SERDE_CLASS_CONFIG,
            PROCESSOR_WRAPPER_CLASS_CONFIG)) {
            if (parsed.get(key) instanceof String className && !className.isBlank()) {
                parsed.put(key, classNamed(key, className));
            }
        }
        String dslStore = string(originals, DEFAULT_DSL_STORE_CONFIG, ROCKS_DB);
        if (!ROCKS_DB.equals(dslStore) && !IN_MEMORY.equals(dslStore)) {
            throw new InvalidConfigurationException("Invalid value " + dslStore + " for configuration "
                + DEFAULT_DSL_STORE_CONFIG + ": String must be one of: " + ROCKS_DB + ", " + IN_MEMORY);
        }
        parsed.put(DEFAULT_DSL_STORE_CONFIG, dslStore);
        parsed.put(DSL_STORE_SUPPLIERS_CLASS_CONFIG, dslStoreSuppliersClass(originals));
        String server = string(originals, APPLICATION_SERVER_CONFIG, "");
        try {
            HostInfo.buildFromEndpoint(server);
        } catch (IllegalArgumentException e) {
            throw invalid(APPLICATION_SERVER_CONFIG, server, "host:port");
        }
        parsed.put(APPLICATION_SERVER_CONFIG, server);
        parsed.put(PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, originals.getOrDefault(
            PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class));
        parsed.put(ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
            string(originals, ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, null));
        for (String key : originals.keySet()) {
            if (!KEYS.contains(key) && !ProducerConfig.KEYS.contains(key) && !ConsumerConfig.KEYS.contains(key)
                && !key.startsWith(CONSUMER_PREFIX) && !key.startsWith(PRODUCER_PREFIX)
                && !key.startsWith(ADMIN_CLIENT_PREFIX) && !key.startsWith(TOPIC_PREFIX)) {
                LOG.warn("The configuration '{}' was supplied but isn't a known config.", key);
            }
        }
        return parsed;
    }

    private static String string(Map<String, Object> originals, String key, String defaultValue) {
        Object value = originals.get(key);
        return value == null ? defaultValue : value.toString().trim();
    }

    private static long number(Map<String, Object> originals, String key, long defaultValue, long min) {
        Object value = originals.get(key);
        long parsed;
        if (value == null) {
            return defaultValue;
        } else if (value instanceof Number number) {
            parsed = number.longValue();
        } else {
            try {
                parsed = Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw invalid(key, value, "a whole number");
            }
        }
        if (parsed < min) {
            throw invalid(key, value, "at least " + min);
        }
        return parsed;
    }

    private static InvalidConfigurationException invalid(String key, Object value, String expected) {
        return new InvalidConfigurationException("Invalid value " + value + " for configuration " + key
            + ": expected " + expected);
    }

    private static Class<?> dslStoreSuppliersClass(Map<String, Object> originals) {
        Object value = originals.getOrDefault(DSL_STORE_SUPPLIERS_CLASS_CONFIG, DSL_STORE_SUPPLIERS_CLASS_DEFAULT);
        Class<?> clazz;
        if (value instanceof Class<?> given) {
            clazz = given;
        } else {
            try {
                clazz = Class.forName(value.toString().trim(), true, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw new InvalidConfigurationException("Invalid value " + value + " for configuration "
                    + DSL_STORE_SUPPLIERS_CLASS_CONFIG + ": Class " + value + " could not be found.", e);
            }
        }
        if (!DslStoreSuppliers.class.isAssignableFrom(clazz)) {
            throw new InvalidConfigurationException("Invalid value " + clazz.getName() + " for configuration "
                + DSL_STORE_SUPPLIERS_CLASS_CONFIG + ": " + clazz.getName() + " is not an instance of "
                + DslStoreSuppliers.class.getName());
        }
        return clazz;
    }

    private static Class<?> classNamed(String key, String name) {
        try {
            return Class.forName(name.trim(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new InvalidConfigurationException("Invalid value " + name + " for configuration " + key
                + ": class not found", e);
        }
    }

    /** Returns {@code name} prefixed with {@link #CONSUMER_PREFIX}. */
    public static String consumerPrefix(String name) {
        return CONSUMER_PREFIX + name;
    }

    /** Returns {@code name} prefixed with {@link #PRODUCER_PREFIX}. */
    public static String producerPrefix(String name) {
        return PRODUCER_PREFIX + name;
    }

    /** Returns {@code name} prefixed with {@link #ADMIN_CLIENT_PREFIX}. */
    public static String adminClientPrefix(String name) {
        return ADMIN_CLIENT_PREFIX + name;
    }

    /** Returns {@code name} prefixed with {@link #TOPIC_PREFIX}. */
    public static String topicPrefix(String name) {
        return TOPIC_PREFIX + name;
    }

    /** Returns the configs as given. */
    public Map<String, Object> originals() {
        return originals;
    }

    /** Returns the configs with defaults filled in and numbers parsed. */
    public Map<String, Object> values() {
        return values;
    }

    /** Returns the configs whose key starts with (and is longer than) {@code prefix}, with the prefix removed. */
    public Map<String, Object> originalsWithPrefix(String prefix) {
        Map<String, Object> result = new HashMap<>();
        for (Map.Entry<String, Object> entry : originals.entrySet()) {
            if (entry.getKey().startsWith(prefix) && entry.getKey().length() > prefix.length()) {
                result.put(entry.getKey().substring(prefix.length()), entry.getValue());
            }
        }
        return result;
    }

    /** Returns a string config, or {@code null} if unset and without default. */
    public String getString(String key) {
        Object value = values.get(key);
        return value == null ? null : value.toString();
    }

    /** Returns an int config. */
    public Integer getInt(String key) {
        Object value = values.get(key);
        return value == null ? null : ((Number) value).intValue();
    }

    /** Returns a long config. */
    public Long getLong(String key) {
        Object value = values.get(key);
        return value == null ? null : ((Number) value).longValue();
    }

    /**
     * Returns a new instance of the class configured under {@code key}, or {@code null} if unset.
     *
     * @throws InvalidConfigurationException if the class is missing, of the wrong type or cannot be created
     */
    public <T> T getConfiguredInstance(String key, Class<T> type) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        Class<?> clazz = value instanceof Class<?> given ? given : classNamed(key, value.toString());
        if (!type.isAssignableFrom(clazz)) {
            throw invalid(key, clazz.getName(), "a class implementing " + type.getName());
        }
        try {
            return type.cast(clazz.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new InvalidConfigurationException("Could not create an instance of " + clazz.getName()
                + " for configuration " + key + "; it needs a public no-argument constructor", cause);
        }
    }

    /**
     * Returns a new, configured instance of {@code default.key.serde}.
     *
     * @throws InvalidConfigurationException if it is unset
     */
    public Serde<?> defaultKeySerde() {
        return serde(DEFAULT_KEY_SERDE_CLASS_CONFIG, true);
    }

    /**
     * Returns a new, configured instance of {@code default.value.serde}.
     *
     * @throws InvalidConfigurationException if it is unset
     */
    public Serde<?> defaultValueSerde() {
        return serde(DEFAULT_VALUE_SERDE_CLASS_CONFIG, false);
    }

    private Serde<?> serde(String key, boolean isKey) {
        Serde<?> serde = getConfiguredInstance(key, Serde.class);
        if (serde == null) {
            throw new InvalidConfigurationException("Please specify a " + (isKey ? "key" : "value")
                + " serde or set one through StreamsConfig#" + (isKey ? "DEFAULT_KEY" : "DEFAULT_VALUE")
                + "_SERDE_CLASS_CONFIG");
        }
        serde.configure(originals, isKey);
        return serde;
    }

    /** Returns the {@code metrics.recording.level}. */
    public Sensor.RecordingLevel metricsRecordingLevel() {
        return Sensor.RecordingLevel.forName(getString(METRICS_RECORDING_LEVEL_CONFIG));
    }

    /** Returns a new instance of {@code default.timestamp.extractor}. */
    public TimestampExtractor defaultTimestampExtractor() {
        return getConfiguredInstance(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, TimestampExtractor.class);
    }

    /** Returns a new, configured instance of the deserialization exception handler. */
    public DeserializationExceptionHandler deserializationExceptionHandler() {
        DeserializationExceptionHandler handler = getConfiguredInstance(DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeserializationExceptionHandler.class);
        handler.configure(originals);
        return handler;
    }

    /** Returns a new, configured instance of the processing exception handler. */
    public ProcessingExceptionHandler processingExceptionHandler() {
        ProcessingExceptionHandler handler = getConfiguredInstance(PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            ProcessingExceptionHandler.class);
        handler.configure(originals);
        return handler;
    }

    /** Returns a new, configured instance of the production exception handler. */
    public ProductionExceptionHandler productionExceptionHandler() {
        ProductionExceptionHandler handler = getConfiguredInstance(PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            ProductionExceptionHandler.class);
        handler.configure(originals);
        return handler;
    }

    @Override
    public String toString() {
        return "StreamsConfig" + new java.util.TreeMap<>(values);
    }
}
