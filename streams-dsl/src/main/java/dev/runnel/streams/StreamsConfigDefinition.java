package dev.runnel.streams;

import static dev.runnel.streams.StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG;
import static dev.runnel.streams.StreamsConfig.ALLOW_OS_GROUP_WRITE_ACCESS_CONFIG;
import static dev.runnel.streams.StreamsConfig.APPLICATION_ID_CONFIG;
import static dev.runnel.streams.StreamsConfig.APPLICATION_SERVER_CONFIG;
import static dev.runnel.streams.StreamsConfig.AT_LEAST_ONCE;
import static dev.runnel.streams.StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
import static dev.runnel.streams.StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG;
import static dev.runnel.streams.StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_DOC;
import static dev.runnel.streams.StreamsConfig.BUILT_IN_METRICS_VERSION_CONFIG;
import static dev.runnel.streams.StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG;
import static dev.runnel.streams.StreamsConfig.CACHE_MAX_BYTES_BUFFERING_DOC;
import static dev.runnel.streams.StreamsConfig.CLIENT_ID_CONFIG;
import static dev.runnel.streams.StreamsConfig.COMMIT_INTERVAL_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.CONNECTIONS_MAX_IDLE_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG;
import static dev.runnel.streams.StreamsConfig.DEFAULT_CLIENT_SUPPLIER_DOC;
import static dev.runnel.streams.StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_DOC;
import static dev.runnel.streams.StreamsConfig.DEFAULT_DSL_STORE_CONFIG;
import static dev.runnel.streams.StreamsConfig.DEFAULT_DSL_STORE_DOC;
import static dev.runnel.streams.StreamsConfig.DEFAULT_GROUP_PROTOCOL;
import static dev.runnel.streams.StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_DOC;
import static dev.runnel.streams.StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.DSL_STORE_FORMAT_CONFIG;
import static dev.runnel.streams.StreamsConfig.DSL_STORE_FORMAT_DEFAULT;
import static dev.runnel.streams.StreamsConfig.DSL_STORE_FORMAT_HEADERS;
import static dev.runnel.streams.StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_DEFAULT;
import static dev.runnel.streams.StreamsConfig.ENABLE_METRICS_PUSH_CONFIG;
import static dev.runnel.streams.StreamsConfig.ENABLE_METRICS_PUSH_DOC;
import static dev.runnel.streams.StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG;
import static dev.runnel.streams.StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG;
import static dev.runnel.streams.StreamsConfig.EXACTLY_ONCE;
import static dev.runnel.streams.StreamsConfig.EXACTLY_ONCE_V2;
import static dev.runnel.streams.StreamsConfig.GROUP_PROTOCOL_CONFIG;
import static dev.runnel.streams.StreamsConfig.IN_MEMORY;
import static dev.runnel.streams.StreamsConfig.LOG_DIR_CONFIG;
import static dev.runnel.streams.StreamsConfig.LOG_SUMMARY_INTERVAL_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.MAX_RACK_AWARE_ASSIGNMENT_TAG_LIST_SIZE;
import static dev.runnel.streams.StreamsConfig.MAX_TASK_IDLE_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.MAX_TASK_IDLE_MS_DISABLED;
import static dev.runnel.streams.StreamsConfig.MAX_TASK_IDLE_MS_DOC;
import static dev.runnel.streams.StreamsConfig.MAX_WARMUP_REPLICAS_CONFIG;
import static dev.runnel.streams.StreamsConfig.MERGE_REPARTITION_TOPICS;
import static dev.runnel.streams.StreamsConfig.METADATA_MAX_AGE_CONFIG;
import static dev.runnel.streams.StreamsConfig.METRICS_LATEST;
import static dev.runnel.streams.StreamsConfig.METRICS_NUM_SAMPLES_CONFIG;
import static dev.runnel.streams.StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG;
import static dev.runnel.streams.StreamsConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG;
import static dev.runnel.streams.StreamsConfig.NO_OPTIMIZATION;
import static dev.runnel.streams.StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG;
import static dev.runnel.streams.StreamsConfig.NUM_STREAM_THREADS_CONFIG;
import static dev.runnel.streams.StreamsConfig.OPTIMIZE;
import static dev.runnel.streams.StreamsConfig.POLL_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_DOC;
import static dev.runnel.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG;
import static dev.runnel.streams.StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
import static dev.runnel.streams.StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.RACK_AWARE_ASSIGNMENT_NON_OVERLAP_COST_CONFIG;
import static dev.runnel.streams.StreamsConfig.RACK_AWARE_ASSIGNMENT_NON_OVERLAP_COST_DOC;
import static dev.runnel.streams.StreamsConfig.RACK_AWARE_ASSIGNMENT_STRATEGY_BALANCE_SUBTOPOLOGY;
import static dev.runnel.streams.StreamsConfig.RACK_AWARE_ASSIGNMENT_STRATEGY_CONFIG;
import static dev.runnel.streams.StreamsConfig.RACK_AWARE_ASSIGNMENT_STRATEGY_DOC;
import static dev.runnel.streams.StreamsConfig.RACK_AWARE_ASSIGNMENT_STRATEGY_MIN_TRAFFIC;
import static dev.runnel.streams.StreamsConfig.RACK_AWARE_ASSIGNMENT_STRATEGY_NONE;
import static dev.runnel.streams.StreamsConfig.RACK_AWARE_ASSIGNMENT_TAGS_CONFIG;
import static dev.runnel.streams.StreamsConfig.RACK_AWARE_ASSIGNMENT_TRAFFIC_COST_CONFIG;
import static dev.runnel.streams.StreamsConfig.RACK_AWARE_ASSIGNMENT_TRAFFIC_COST_DOC;
import static dev.runnel.streams.StreamsConfig.RECEIVE_BUFFER_CONFIG;
import static dev.runnel.streams.StreamsConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.RECONNECT_BACKOFF_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.REPLICATION_FACTOR_CONFIG;
import static dev.runnel.streams.StreamsConfig.REQUEST_TIMEOUT_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.RETRY_BACKOFF_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS;
import static dev.runnel.streams.StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.ROCKS_DB;
import static dev.runnel.streams.StreamsConfig.SECURITY_PROTOCOL_CONFIG;
import static dev.runnel.streams.StreamsConfig.SEND_BUFFER_CONFIG;
import static dev.runnel.streams.StreamsConfig.SINGLE_STORE_SELF_JOIN;
import static dev.runnel.streams.StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG;
import static dev.runnel.streams.StreamsConfig.STATESTORE_CACHE_MAX_BYTES_DOC;
import static dev.runnel.streams.StreamsConfig.STATE_CLEANUP_DELAY_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.STATE_CLEANUP_DIR_MAX_AGE_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.STATE_CLEANUP_DIR_MAX_AGE_MS_DISABLED;
import static dev.runnel.streams.StreamsConfig.STATE_DIR_CONFIG;
import static dev.runnel.streams.StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG;
import static dev.runnel.streams.StreamsConfig.TASK_TIMEOUT_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.TASK_TIMEOUT_MS_DOC;
import static dev.runnel.streams.StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_24;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_25;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_26;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_27;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_28;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_30;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_31;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_32;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_33;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_34;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_35;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_36;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_37;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_38;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_39;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_40;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_41;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_42;
import static dev.runnel.streams.StreamsConfig.UPGRADE_FROM_CONFIG;
import static dev.runnel.streams.StreamsConfig.WINDOWED_INNER_CLASS_SERDE;
import static dev.runnel.streams.StreamsConfig.WINDOW_SIZE_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG;
import static dev.runnel.streams.StreamsConfig.verifyTopologyOptimizationConfigs;

import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.ConfigDef.Importance;
import dev.runnel.common.config.ConfigDef.LambdaValidator;
import dev.runnel.common.config.ConfigDef.ListSize;
import dev.runnel.common.config.ConfigDef.Range;
import dev.runnel.common.config.ConfigDef.Type;
import dev.runnel.common.config.ConfigDef.ValidString;
import dev.runnel.common.config.ConfigDef.Validator;
import dev.runnel.common.config.ConfigException;
import dev.runnel.streams.errors.DefaultProductionExceptionHandler;
import dev.runnel.streams.errors.LogAndFailExceptionHandler;
import dev.runnel.streams.errors.LogAndFailProcessingExceptionHandler;
import dev.runnel.streams.internal.graph.NoOpProcessorWrapper;
import dev.runnel.streams.internal.runtime.DefaultKafkaClientSupplier;
import dev.runnel.streams.processor.FailOnInvalidTimestamp;
import dev.runnel.streams.processor.assignment.TaskAssignor;
import dev.runnel.streams.state.DslStoreSuppliers;
import dev.runnel.streams.state.HostInfo;
import java.io.File;
import java.util.List;

/**
 * The definition of every {@link StreamsConfig} key: type, default, valid values and documentation, Kafka Streams'
 * where Kafka has the key. The one place defaults live.
 */
final class StreamsConfigDefinition {
    static final ConfigDef DEFINITION = define();

    private StreamsConfigDefinition() {
    }

    private static ConfigDef define() {
        ConfigDef def = new ConfigDef()
            .define(APPLICATION_ID_CONFIG, Type.STRING, Importance.HIGH,
                "Names the consumer group, the internal topics and the state directory.")
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "", Importance.HIGH,
                "Broker list for remote clients; unused on the embedded log.")
            .define(LOG_DIR_CONFIG, Type.STRING, null, Importance.HIGH,
                "Runnel: the embedded log's data folder, passed to the clients.")
            .define(STATE_DIR_CONFIG, Type.STRING, System.getProperty("java.io.tmpdir") + File.separator
                + "runnel-streams", Importance.HIGH, "Root of the task state directories.")
            .define(NUM_STANDBY_REPLICAS_CONFIG, Type.INT, 0, Range.atLeast(0), Importance.HIGH,
                "Standby replicas of each stateful task.")
            .define(PROCESSING_GUARANTEE_CONFIG, Type.STRING, AT_LEAST_ONCE,
                ValidString.in(AT_LEAST_ONCE, EXACTLY_ONCE_V2, EXACTLY_ONCE), Importance.MEDIUM,
                "at_least_once, or exactly_once_v2 for transactional commits.")
            .define(CLIENT_ID_CONFIG, Type.STRING, "", Importance.MEDIUM, "Prefix of the clients' ids.")
            .define(NUM_STREAM_THREADS_CONFIG, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM,
                "Processing threads per instance.")
            .define(COMMIT_INTERVAL_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                "How often tasks commit; 100 under exactly-once unless set.")
            .define(STATESTORE_CACHE_MAX_BYTES_CONFIG, Type.LONG, 10_485_760L, Range.atLeast(0), Importance.MEDIUM,
                STATESTORE_CACHE_MAX_BYTES_DOC)
            .define(CACHE_MAX_BYTES_BUFFERING_CONFIG, Type.LONG, 10_485_760L, Range.atLeast(0), Importance.MEDIUM,
                CACHE_MAX_BYTES_BUFFERING_DOC)
            .define(REPLICATION_FACTOR_CONFIG, Type.INT, -1, Range.atLeast(-1), Importance.MEDIUM,
                "Replication factor of internal topics; -1 takes the log's default.")
            .define(TOPOLOGY_OPTIMIZATION_CONFIG, Type.STRING, NO_OPTIMIZATION,
                LambdaValidator.with((name, value) -> verifyTopologyOptimizationConfigs((String) value),
                    () -> List.of(OPTIMIZE, NO_OPTIMIZATION, REUSE_KTABLE_SOURCE_TOPICS, MERGE_REPARTITION_TOPICS,
                        SINGLE_STORE_SELF_JOIN).toString()), Importance.MEDIUM,
                "none, all, or a comma-separated list of optimization rules.")
            .define(MAX_TASK_IDLE_MS_CONFIG, Type.LONG, 0L, Range.atLeast(MAX_TASK_IDLE_MS_DISABLED),
                Importance.MEDIUM, MAX_TASK_IDLE_MS_DOC)
            .define(BUFFERED_RECORDS_PER_PARTITION_CONFIG, Type.INT, 1000, Range.atLeast(1), Importance.LOW,
                BUFFERED_RECORDS_PER_PARTITION_DOC)
            .define(POLL_MS_CONFIG, Type.LONG, 100L, Range.atLeast(0), Importance.LOW,
                "How long a thread blocks polling for input.")
            .define(METRICS_RECORDING_LEVEL_CONFIG, Type.STRING, "INFO", ValidString.in("INFO", "DEBUG", "TRACE"),
                Importance.LOW, "The finest level of sensors that record.")
            .define(APPLICATION_SERVER_CONFIG, Type.STRING, "",
                undocumented(StreamsConfigDefinition::validateEndpoint), Importance.LOW,
                "The host:port this instance serves interactive queries on.")
            .define(ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Type.STRING, null, Importance.MEDIUM,
                "The topic the built-in exception handlers send failed records to.");
        defineClasses(def);
        defineIneffective(def);
        return def;
    }

    private static void defineClasses(ConfigDef def) {
        def.define(DEFAULT_KEY_SERDE_CLASS_CONFIG, Type.CLASS, null, Importance.MEDIUM,
                "Serde class of keys where the topology sets none.")
            .define(DEFAULT_VALUE_SERDE_CLASS_CONFIG, Type.CLASS, null, Importance.MEDIUM,
                "Serde class of values where the topology sets none.")
            .define(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, Type.CLASS, FailOnInvalidTimestamp.class,
                Importance.MEDIUM, DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_DOC)
            .define(DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Type.CLASS, LogAndFailExceptionHandler.class,
                Importance.MEDIUM, "The DeserializationExceptionHandler class.")
            .define(DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Type.CLASS, null, Importance.MEDIUM,
                DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_DOC)
            .define(PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, Type.CLASS, DefaultProductionExceptionHandler.class,
                Importance.MEDIUM, "The ProductionExceptionHandler class.")
            .define(DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, Type.CLASS, null, Importance.MEDIUM,
                "Deprecated; use production.exception.handler, which wins when both are set.")
            .define(PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Type.CLASS, LogAndFailProcessingExceptionHandler.class,
                Importance.MEDIUM, PROCESSING_EXCEPTION_HANDLER_CLASS_DOC)
            .define(DEFAULT_CLIENT_SUPPLIER_CONFIG, Type.CLASS, DefaultKafkaClientSupplier.class,
                undocumented(StreamsConfigDefinition::validateClientSupplier), Importance.LOW,
                DEFAULT_CLIENT_SUPPLIER_DOC)
            .define(DEFAULT_DSL_STORE_CONFIG, Type.STRING, ROCKS_DB, ValidString.in(ROCKS_DB, IN_MEMORY),
                Importance.LOW, DEFAULT_DSL_STORE_DOC)
            .define(DSL_STORE_SUPPLIERS_CLASS_CONFIG, Type.CLASS, DSL_STORE_SUPPLIERS_CLASS_DEFAULT,
                undocumented(StreamsConfigDefinition::validateDslStoreSuppliers), Importance.LOW,
                "The DslStoreSuppliers the DSL takes its stores from; wins over default.dsl.store.")
            .define(PROCESSOR_WRAPPER_CLASS_CONFIG, Type.CLASS, NoOpProcessorWrapper.class, Importance.LOW,
                "The ProcessorWrapper that wraps every processor of a topology.")
            .define(TASK_ASSIGNOR_CLASS_CONFIG, Type.STRING, null,
                undocumented(StreamsConfigDefinition::validateTaskAssignor), Importance.MEDIUM,
                "A task assignor class or class name implementing the TaskAssignor interface;"
                    + " by default the built-in StickyTaskAssignor.")
            .define(WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG, Type.LONG, 86_400_000L, Range.atLeast(0),
                Importance.LOW, "Added to a window store's retention for its changelog's retention.ms.")
            .define(WINDOW_SIZE_MS_CONFIG, Type.LONG, null, Importance.LOW,
                "Window size of a plain consumer's windowed deserializer.")
            .define(WINDOWED_INNER_CLASS_SERDE, Type.STRING, null, Importance.LOW,
                "Inner serde class of a plain consumer's windowed serde.");
    }

    /** Keys accepted and validated as Kafka does, that have no effect in Runnel (see their constants). */
    private static void defineIneffective(ConfigDef def) {
        def.define(ACCEPTABLE_RECOVERY_LAG_CONFIG, Type.LONG, 10_000L, Range.atLeast(0), Importance.MEDIUM,
                "No effect in Runnel: no warmup assignment.")
            .define(MAX_WARMUP_REPLICAS_CONFIG, Type.INT, 2, Range.atLeast(1), Importance.MEDIUM,
                "No effect in Runnel: no warmup replicas.")
            .define(PROBING_REBALANCE_INTERVAL_MS_CONFIG, Type.LONG, 600_000L, Range.atLeast(60_000L),
                Importance.LOW, "No effect in Runnel: no probing rebalances.")
            .define(TASK_TIMEOUT_MS_CONFIG, Type.LONG, 300_000L, Range.atLeast(0), Importance.MEDIUM,
                TASK_TIMEOUT_MS_DOC)
            .define(STATE_CLEANUP_DELAY_MS_CONFIG, Type.LONG, 600_000L, Range.atLeast(1), Importance.LOW,
                "How often, in ms, the local state directories of tasks that no longer run here are looked for, and"
                    + " how long one must have been unmodified to be deleted.")
            .define(STATE_CLEANUP_DIR_MAX_AGE_MS_CONFIG, Type.LONG, STATE_CLEANUP_DIR_MAX_AGE_MS_DISABLED,
                Range.atLeast(STATE_CLEANUP_DIR_MAX_AGE_MS_DISABLED), Importance.LOW,
                "At start, task state directories unmodified for longer than this many ms are deleted, so that their"
                    + " stores restore from their changelogs; -1 keeps them.")
            .define(ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, Type.CLASS, null, Importance.LOW,
                "No effect in Runnel: no RocksDB.")
            .define(METRICS_NUM_SAMPLES_CONFIG, Type.INT, 2, Range.atLeast(1), Importance.LOW, "No effect in Runnel.")
            .define(METRICS_SAMPLE_WINDOW_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                "No effect in Runnel.")
            .define(METRIC_REPORTER_CLASSES_CONFIG, Type.LIST, "", Importance.LOW, "Classes of MetricsReporter told of"
                + " the metrics of Kafka Streams and its clients.")
            .define(BUILT_IN_METRICS_VERSION_CONFIG, Type.STRING, METRICS_LATEST, ValidString.in(METRICS_LATEST),
                Importance.LOW, "The version of the built-in metrics.")
            .define(ENABLE_METRICS_PUSH_CONFIG, Type.BOOLEAN, true, Importance.LOW, ENABLE_METRICS_PUSH_DOC)
            .define(CONNECTIONS_MAX_IDLE_MS_CONFIG, Type.LONG, 540_000L, Importance.MEDIUM, "No effect in Runnel.")
            .define(METADATA_MAX_AGE_CONFIG, Type.LONG, 300_000L, Range.atLeast(0), Importance.LOW,
                "No effect in Runnel.")
            .define(RECEIVE_BUFFER_CONFIG, Type.INT, 32_768, Range.atLeast(-1), Importance.LOW, "No effect in Runnel.")
            .define(SEND_BUFFER_CONFIG, Type.INT, 131_072, Range.atLeast(-1), Importance.LOW, "No effect in Runnel.")
            .define(RECONNECT_BACKOFF_MS_CONFIG, Type.LONG, 50L, Range.atLeast(0), Importance.LOW,
                "No effect in Runnel.")
            .define(RECONNECT_BACKOFF_MAX_MS_CONFIG, Type.LONG, 1000L, Range.atLeast(0), Importance.LOW,
                "No effect in Runnel.")
            .define(REQUEST_TIMEOUT_MS_CONFIG, Type.INT, 40_000, Range.atLeast(0), Importance.LOW,
                "No effect in Runnel.")
            .define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, 100L, Range.atLeast(0), Importance.LOW, "No effect in Runnel.")
            .define(SECURITY_PROTOCOL_CONFIG, Type.STRING, "PLAINTEXT",
                ValidString.caseInsensitiveIn("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"), Importance.MEDIUM,
                "No effect in Runnel: no network.")
            .define(REPARTITION_PURGE_INTERVAL_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                "The frequency in milliseconds with which to delete fully consumed records from repartition topics: "
                    + "after a commit, once at least this long has passed since the last purge.")
            .define(LOG_SUMMARY_INTERVAL_MS_CONFIG, Type.LONG, 120_000L, Range.atLeast(0), Importance.LOW,
                "How often, in ms, each stream thread logs a summary of the records it processed, punctuations it"
                    + " ran and commits it made (KIP-1049).")
            .define(ALLOW_OS_GROUP_WRITE_ACCESS_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                "Whether the owner's group may write the state directories too (rwxrwx---); by default only the"
                    + " owner may (rwxr-x---).")
            .define(GROUP_PROTOCOL_CONFIG, Type.STRING, DEFAULT_GROUP_PROTOCOL,
                ValidString.caseInsensitiveIn(GroupProtocol.CLASSIC.name, GroupProtocol.STREAMS.name), Importance.HIGH,
                "The group protocol: classic or streams. The stream threads join the group the same way under either;"
                    + " streams refuses static membership.")
            .define(ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, Type.BOOLEAN, false, Importance.HIGH,
                "Whether building a topology whose repartition topics, stores or changelogs have generated names"
                    + " fails (KIP-1111); if false, they are logged as a warning.")
            .define(PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, Type.BOOLEAN, false, Importance.HIGH,
                "Whether failures of global store processors go to the processing exception handler (KIP-1270);"
                    + " if false, they end the global thread.")
            .define(DSL_STORE_FORMAT_CONFIG, Type.STRING, DSL_STORE_FORMAT_DEFAULT,
                ValidString.caseInsensitiveIn(DSL_STORE_FORMAT_DEFAULT, DSL_STORE_FORMAT_HEADERS), Importance.LOW,
                "The format of the stores DSL operators materialize (KIP-1285): DEFAULT, each operator's plain or"
                    + " timestamped stores, or HEADERS, headers-aware stores (KIP-1271). Case-insensitive.")
            .define(UPGRADE_FROM_CONFIG, Type.STRING, null, ValidString.in(null, UPGRADE_FROM_24, UPGRADE_FROM_25,
                UPGRADE_FROM_26, UPGRADE_FROM_27, UPGRADE_FROM_28, UPGRADE_FROM_30, UPGRADE_FROM_31, UPGRADE_FROM_32,
                UPGRADE_FROM_33, UPGRADE_FROM_34, UPGRADE_FROM_35, UPGRADE_FROM_36, UPGRADE_FROM_37, UPGRADE_FROM_38,
                UPGRADE_FROM_39, UPGRADE_FROM_40, UPGRADE_FROM_41, UPGRADE_FROM_42), Importance.LOW,
                "No effect in Runnel: no older wire formats.")
            .define(RACK_AWARE_ASSIGNMENT_STRATEGY_CONFIG, Type.STRING, RACK_AWARE_ASSIGNMENT_STRATEGY_NONE,
                ValidString.in(RACK_AWARE_ASSIGNMENT_STRATEGY_NONE, RACK_AWARE_ASSIGNMENT_STRATEGY_MIN_TRAFFIC,
                    RACK_AWARE_ASSIGNMENT_STRATEGY_BALANCE_SUBTOPOLOGY), Importance.MEDIUM,
                RACK_AWARE_ASSIGNMENT_STRATEGY_DOC)
            .define(RACK_AWARE_ASSIGNMENT_TAGS_CONFIG, Type.LIST, "",
                ListSize.atMostOfSize(MAX_RACK_AWARE_ASSIGNMENT_TAG_LIST_SIZE), Importance.MEDIUM,
                "No effect in Runnel: standby placement ignores tags.")
            // Unvalidated, as in Kafka Streams: a range would refuse the default, null.
            .define(RACK_AWARE_ASSIGNMENT_TRAFFIC_COST_CONFIG, Type.INT, null, Importance.MEDIUM,
                RACK_AWARE_ASSIGNMENT_TRAFFIC_COST_DOC)
            .define(RACK_AWARE_ASSIGNMENT_NON_OVERLAP_COST_CONFIG, Type.INT, null, Importance.MEDIUM,
                RACK_AWARE_ASSIGNMENT_NON_OVERLAP_COST_DOC);
    }

    /** A check Kafka Streams makes outside its definition: the documentation shows no valid values for it. */
    private static Validator undocumented(Validator check) {
        return LambdaValidator.with(check::ensureValid, () -> "");
    }

    private static void validateEndpoint(String name, Object value) {
        try {
            HostInfo.buildFromEndpoint((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid value " + value + " for configuration " + name
                + ": expected host:port", e);
        }
    }

    private static void validateDslStoreSuppliers(String name, Object value) {
        requireSubclass(name, (Class<?>) value, DslStoreSuppliers.class);
    }

    private static void validateClientSupplier(String name, Object value) {
        requireSubclass(name, (Class<?>) value, KafkaClientSupplier.class);
    }

    private static void validateTaskAssignor(String name, Object value) {
        if (value == null) {
            return;
        }
        Class<?> clazz;
        try {
            clazz = (Class<?>) ConfigDef.parseType(name, value, Type.CLASS);
        } catch (ConfigException e) {
            throw new ConfigException("Invalid value " + value + " for configuration " + name
                + ": class " + value + " could not be found; expected a class implementing "
                + TaskAssignor.class.getName(), e);
        }
        requireSubclass(name, clazz, TaskAssignor.class);
    }

    private static void requireSubclass(String name, Class<?> clazz, Class<?> type) {
        if (!type.isAssignableFrom(clazz)) {
            throw new ConfigException("Invalid value " + clazz.getName() + " for configuration " + name
                + ": " + clazz.getName() + " is not an instance of " + type.getName());
        }
    }
}
