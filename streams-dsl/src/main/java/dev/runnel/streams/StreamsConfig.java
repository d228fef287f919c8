package dev.runnel.streams;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.common.config.AbstractConfig;
import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.errors.DefaultProductionExceptionHandler;
import dev.runnel.streams.errors.DeserializationExceptionHandler;
import dev.runnel.streams.errors.LogAndFailExceptionHandler;
import dev.runnel.streams.errors.LogAndFailProcessingExceptionHandler;
import dev.runnel.streams.errors.ProcessingExceptionHandler;
import dev.runnel.streams.errors.ProductionExceptionHandler;
import dev.runnel.streams.state.BuiltInDslStoreSuppliers;
import dev.runnel.streams.processor.FailOnInvalidTimestamp;
import dev.runnel.streams.processor.TimestampExtractor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration of a streams application: Kafka Streams' keys and defaults, plus Runnel's {@code log.dir}, which
 * is passed to the embedded clients. Parsed and validated once, at construction; immutable afterwards. As in Kafka
 * Streams it is an {@link AbstractConfig}, whose getters and prefixed views it inherits, and applications may extend
 * it; unlike Kafka's, its {@link #values()} also hold the given configs it does not define.
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
 * A bad value throws {@link ConfigException} naming the key, the value and what is allowed; an unknown
 * key is logged as a warning.
 */
public class StreamsConfig extends AbstractConfig {
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
    /**
     * {@code task.assignor.class}: the {@link dev.runnel.streams.processor.assignment.TaskAssignor} that decides which
     * instance runs each task and keeps which standby tasks (KIP-924), a class name; default none, the built-in
     * {@link dev.runnel.streams.processor.assignment.assignors.StickyTaskAssignor}.
     */
    public static final String TASK_ASSIGNOR_CLASS_CONFIG = "task.assignor.class";

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

    /** {@code cache.max.bytes.buffering}: the deprecated name of {@code statestore.cache.max.bytes}, used if unset. */
    public static final String CACHE_MAX_BYTES_BUFFERING_CONFIG = "cache.max.bytes.buffering";
    /** {@code default.client.supplier}: the {@link KafkaClientSupplier} every client of the runtime comes from. */
    public static final String DEFAULT_CLIENT_SUPPLIER_CONFIG = "default.client.supplier";
    /**
     * {@code windowstore.changelog.additional.retention.ms}: added to a window store's retention for its changelog's
     * {@code retention.ms}, so that clock drift does not delete data early; default 86400000 (one day).
     */
    public static final String WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG =
        "windowstore.changelog.additional.retention.ms";
    /** {@code window.size.ms}: the window size a plain consumer's windowed deserializer needs; default none. */
    public static final String WINDOW_SIZE_MS_CONFIG = "window.size.ms";
    /** {@code windowed.inner.class.serde}: the inner serde of a plain consumer's windowed serde; default none. */
    public static final String WINDOWED_INNER_CLASS_SERDE = "windowed.inner.class.serde";
    /** {@code upgrade.from}: the version a rolling upgrade starts from; default none. No effect in Runnel. */
    public static final String UPGRADE_FROM_CONFIG = "upgrade.from";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_24 = "2.4";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_25 = "2.5";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_26 = "2.6";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_27 = "2.7";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_28 = "2.8";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_30 = "3.0";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_31 = "3.1";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_32 = "3.2";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_33 = "3.3";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_34 = "3.4";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_35 = "3.5";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_36 = "3.6";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_37 = "3.7";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_38 = "3.8";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_39 = "3.9";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_40 = "4.0";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_41 = "4.1";
    /** {@code upgrade.from} value. */
    public static final String UPGRADE_FROM_42 = "4.2";

    /**
     * {@code ensure.explicit.internal.resource.naming} (KIP-1111): default false, {@code StreamsBuilder.build(props)}
     * logs a warning listing the repartition topics, stores and changelog topics whose names the DSL generated. If
     * true, the build fails with a {@link dev.runnel.streams.errors.TopologyException} listing them instead.
     */
    public static final String ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG =
        "ensure.explicit.internal.resource.naming";

    /*
     * Most configs below are accepted and validated as Kafka Streams does, so that an application's configuration
     * ports unchanged, but have no effect in Runnel (each one's comment says "No effect"): they tune the network, the
     * broker's group protocol, the warmup replicas of Kafka's high-availability assignor or RocksDB, none of which an
     * embedded log with in-memory stores has. The assignment ones still reach a custom {@code task.assignor.class},
     * in its {@link dev.runnel.streams.processor.assignment.AssignmentConfigs}.
     */

    /** {@code acceptable.recovery.lag}: default 10000, at least 0. No effect: Runnel has no warmup assignment. */
    public static final String ACCEPTABLE_RECOVERY_LAG_CONFIG = "acceptable.recovery.lag";
    /** {@code max.warmup.replicas}: default 2, at least 1. No effect: Runnel has no warmup replicas. */
    public static final String MAX_WARMUP_REPLICAS_CONFIG = "max.warmup.replicas";
    /** {@code probing.rebalance.interval.ms}: default 600000, at least 60000. No effect: no probing rebalances. */
    public static final String PROBING_REBALANCE_INTERVAL_MS_CONFIG = "probing.rebalance.interval.ms";
    /**
     * {@code task.timeout.ms}: how long Kafka Streams retries a task's timed-out client calls; default 300000, at
     * least 0. No effect: calls on the embedded log do not time out.
     */
    public static final String TASK_TIMEOUT_MS_CONFIG = "task.timeout.ms";
    /** Documentation of {@code task.timeout.ms}. */
    public static final String TASK_TIMEOUT_MS_DOC = "The longest a task may stall on a timed-out client call before"
        + " the stream thread fails; 0 fails at once. No effect in Runnel: calls on the embedded log do not time out.";
    /**
     * {@code state.cleanup.delay.ms}: default 600000, at least 1. Every this many ms, while the client runs, the task
     * directories under {@code <state.dir>/<application.id>} that no task of this process has open and that were not
     * modified for this long (left by tasks that moved to other instances) are deleted.
     */
    public static final String STATE_CLEANUP_DELAY_MS_CONFIG = "state.cleanup.delay.ms";
    /**
     * {@code state.cleanup.dir.max.age.ms} (KIP-1259): default -1 (disabled). At {@code start()}, the task directories
     * not modified for longer than this are deleted, so that their stores restore from their changelogs instead.
     */
    public static final String STATE_CLEANUP_DIR_MAX_AGE_MS_CONFIG = "state.cleanup.dir.max.age.ms";
    /** {@code state.cleanup.dir.max.age.ms} value: never delete state directories at start. */
    public static final long STATE_CLEANUP_DIR_MAX_AGE_MS_DISABLED = -1L;
    /** {@code max.task.idle.ms} value: never wait for empty partitions. */
    public static final long MAX_TASK_IDLE_MS_DISABLED = -1L;
    /** {@code rocksdb.config.setter}: class, default none. No effect: Runnel's stores are not RocksDB. */
    public static final String ROCKSDB_CONFIG_SETTER_CLASS_CONFIG = "rocksdb.config.setter";
    /** {@code metrics.num.samples}: default 2, at least 1. No effect: Runnel's rates use their own windows. */
    public static final String METRICS_NUM_SAMPLES_CONFIG = "metrics.num.samples";
    /** {@code metrics.sample.window.ms}: default 30000, at least 0. No effect, as {@code metrics.num.samples}. */
    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = "metrics.sample.window.ms";
    /**
     * {@code metric.reporters}: list of {@link dev.runnel.common.metrics.MetricsReporter} classes, default empty; each
     * is told of the client's metrics, and its clients' (which get the config too). JMX publishes them regardless.
     */
    public static final String METRIC_REPORTER_CLASSES_CONFIG = "metric.reporters";
    /** {@code built.in.metrics.version}: only {@link #METRICS_LATEST}, the default. */
    public static final String BUILT_IN_METRICS_VERSION_CONFIG = "built.in.metrics.version";
    /** {@code built.in.metrics.version} value: the current metrics. */
    public static final String METRICS_LATEST = "latest";
    /** {@code enable.metrics.push}: default true. No effect: there is no broker to push metrics to. */
    public static final String ENABLE_METRICS_PUSH_CONFIG = "enable.metrics.push";
    /** Documentation of {@code enable.metrics.push}. */
    public static final String ENABLE_METRICS_PUSH_DOC = "Whether to push client metrics to the broker (KIP-714)."
        + " No effect in Runnel: the embedded log takes no metrics.";
    /** {@code connections.max.idle.ms}: default 540000. No effect: no network connections. */
    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = "connections.max.idle.ms";
    /** {@code metadata.max.age.ms}: default 300000, at least 0. No effect: the embedded log's metadata is live. */
    public static final String METADATA_MAX_AGE_CONFIG = "metadata.max.age.ms";
    /** {@code receive.buffer.bytes}: default 32768, at least -1. No effect: no sockets. */
    public static final String RECEIVE_BUFFER_CONFIG = "receive.buffer.bytes";
    /** {@code send.buffer.bytes}: default 131072, at least -1. No effect: no sockets. */
    public static final String SEND_BUFFER_CONFIG = "send.buffer.bytes";
    /** {@code reconnect.backoff.ms}: default 50, at least 0. No effect: no connections. */
    public static final String RECONNECT_BACKOFF_MS_CONFIG = "reconnect.backoff.ms";
    /** {@code reconnect.backoff.max.ms}: default 1000, at least 0. No effect: no connections. */
    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = "reconnect.backoff.max.ms";
    /** {@code request.timeout.ms}: default 40000, at least 0. No effect: no requests. */
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "request.timeout.ms";
    /** {@code retry.backoff.ms}: default 100, at least 0. No effect: no retriable requests. */
    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    /** {@code security.protocol}: PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL. No effect: no network. */
    public static final String SECURITY_PROTOCOL_CONFIG = "security.protocol";
    /**
     * {@code repartition.purge.interval.ms}: default 30000, at least 0. How often, at the least, the stream threads
     * delete the records of repartition topics below the offsets their tasks committed (after a commit, so never more
     * often than {@code commit.interval.ms}).
     */
    public static final String REPARTITION_PURGE_INTERVAL_MS_CONFIG = "repartition.purge.interval.ms";
    /**
     * {@code log.summary.interval.ms} (KIP-1049): default 120000, at least 0; how often each stream thread logs, at
     * info level, the records it processed, punctuations it ran and commits it made since its last summary.
     */
    public static final String LOG_SUMMARY_INTERVAL_MS_CONFIG = "log.summary.interval.ms";
    /**
     * {@code allow.os.group.write.access} (KIP-1230): default false. An application with stores restricts
     * {@code state.dir} and {@code <state.dir>/<application.id>} to {@code rwxr-x---} at start, as Kafka Streams
     * does; true lets the owner's group write them too ({@code rwxrwx---}).
     */
    public static final String ALLOW_OS_GROUP_WRITE_ACCESS_CONFIG = "allow.os.group.write.access";
    /**
     * {@code group.protocol}: {@code classic} (the default) or {@code streams}, in any case (see
     * {@link GroupProtocol}). The stream threads join Runnel's group the same way under either; as in Kafka Streams,
     * {@code streams} refuses a main consumer's {@code group.instance.id}.
     */
    public static final String GROUP_PROTOCOL_CONFIG = "group.protocol";
    /** The default {@code group.protocol}. */
    public static final String DEFAULT_GROUP_PROTOCOL = GroupProtocol.CLASSIC.name.toLowerCase(Locale.ROOT);
    /**
     * {@code processing.exception.handler.global.enabled} (KIP-1270): default false, a processing exception in a global
     * store's processor ends the global thread (and the client). If true, it goes to the
     * {@link #PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG processing exception handler}, which may skip the record; dead
     * letter queue records the handler returns are dropped with a warning, since the global thread has no producer.
     */
    public static final String PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG =
        "processing.exception.handler.global.enabled";
    /**
     * {@code dsl.store.format} (KIP-1285): the format of the stores that DSL operators materialize,
     * {@link #DSL_STORE_FORMAT_DEFAULT} (default) or {@link #DSL_STORE_FORMAT_HEADERS}, in any case. It is the running
     * client's setting: as in Kafka Streams, a {@link TopologyConfig} does not override it. An operation whose
     * {@code Materialized} (or {@code StreamJoined}) gives a store supplier keeps that supplier's format: headers-aware
     * for the {@code Stores.persistent*WithHeaders} suppliers, else its usual one, whatever this config says.
     */
    public static final String DSL_STORE_FORMAT_CONFIG = "dsl.store.format";
    /**
     * {@code dsl.store.format} value: each operator's usual store, timestamped (tables, aggregations, windowed
     * aggregations) or plain (session aggregations, stream-stream join windows), without record headers.
     */
    public static final String DSL_STORE_FORMAT_DEFAULT = "DEFAULT";
    /**
     * {@code dsl.store.format} value: headers-aware stores (KIP-1271) for every operator that materializes a store
     * through the DSL store suppliers: values are kept, logged and restored with their timestamp and record headers,
     * readable through {@code QueryableStoreTypes.timestampedKeyValueStoreWithHeaders()} and its window and session
     * kinds, while the other query types and the test driver's getters read them without headers. As in Kafka
     * Streams 4.3, the headers kept are empty for the results of aggregations (windowed and session ones too), tables
     * ({@code StreamsBuilder#table}, {@code KStream#toTable}, global tables), materialized {@code filter},
     * {@code mapValues} and {@code transformValues}, and table-table joins; the window stores of stream-stream joins
     * keep each input record's headers. The buffers of {@code suppress}, of left and outer stream-stream joins and of
     * stream-table joins with a grace period, and the subscription store of foreign-key joins, keep their formats.
     *
     * <p>As in Kafka Streams, a headers-aware store logs its headers as the changelog records' headers beside the
     * plain value its headerless counterpart logs (the value's timestamp, where the store keeps one, being the
     * changelog record's), so the stores of aggregations (windowed and session ones too), tables
     * and stream-stream joins restore from changelogs written in either format, records without headers getting empty
     * ones: an application can change the format and keep its changelogs and local state (a store's local snapshot
     * records its format; one of the other format is set aside and the store restores from its changelog).
     */
    public static final String DSL_STORE_FORMAT_HEADERS = "HEADERS";
    /** The deprecated name of {@link #ROCKS_DB}, the default {@code default.dsl.store}. */
    public static final String DEFAULT_DSL_STORE = ROCKS_DB;
    /** {@code rack.aware.assignment.strategy}: none (the default), min_traffic or balance_subtopology. No effect. */
    public static final String RACK_AWARE_ASSIGNMENT_STRATEGY_CONFIG = "rack.aware.assignment.strategy";
    /** {@code rack.aware.assignment.strategy} value. */
    public static final String RACK_AWARE_ASSIGNMENT_STRATEGY_NONE = "none";
    /** {@code rack.aware.assignment.strategy} value. */
    public static final String RACK_AWARE_ASSIGNMENT_STRATEGY_MIN_TRAFFIC = "min_traffic";
    /** {@code rack.aware.assignment.strategy} value. */
    public static final String RACK_AWARE_ASSIGNMENT_STRATEGY_BALANCE_SUBTOPOLOGY = "balance_subtopology";
    /**
     * {@code rack.aware.assignment.tags}: the {@code client.tag.} keys standbys are spread over; at most
     * {@link #MAX_RACK_AWARE_ASSIGNMENT_TAG_LIST_SIZE}, each a configured client tag. No effect: Runnel's standby
     * placement ignores tags.
     */
    public static final String RACK_AWARE_ASSIGNMENT_TAGS_CONFIG = "rack.aware.assignment.tags";
    /** {@code rack.aware.assignment.traffic_cost}: int, default none, at least 0. No effect. */
    public static final String RACK_AWARE_ASSIGNMENT_TRAFFIC_COST_CONFIG = "rack.aware.assignment.traffic_cost";
    /** {@code rack.aware.assignment.non_overlap_cost}: int, default none, at least 0. No effect. */
    public static final String RACK_AWARE_ASSIGNMENT_NON_OVERLAP_COST_CONFIG = "rack.aware.assignment.non_overlap_cost";
    /** The most client tags, and {@code rack.aware.assignment.tags}, allowed. */
    public static final int MAX_RACK_AWARE_ASSIGNMENT_TAG_LIST_SIZE = 5;
    /** The longest client tag key allowed. */
    public static final int MAX_RACK_AWARE_ASSIGNMENT_TAG_KEY_LENGTH = 20;
    /** The longest client tag value allowed. */
    public static final int MAX_RACK_AWARE_ASSIGNMENT_TAG_VALUE_LENGTH = 30;
    /** The thread index Kafka Streams uses for clients not of a stream thread. */
    public static final int DUMMY_THREAD_INDEX = 1;

    /** Documentation of {@code buffered.records.per.partition}. */
    public static final String BUFFERED_RECORDS_PER_PARTITION_DOC = "The most records buffered per input partition;"
        + " beyond it the partition is paused until the task catches up.";
    /** Documentation of {@code statestore.cache.max.bytes}. */
    public static final String STATESTORE_CACHE_MAX_BYTES_DOC = "The bytes of record cache shared by all stream"
        + " threads; 0 disables caching, so that every update is forwarded and written at once.";
    /** Documentation of {@code cache.max.bytes.buffering}. */
    public static final String CACHE_MAX_BYTES_BUFFERING_DOC = "Deprecated; use statestore.cache.max.bytes, which"
        + " wins when both are set.";
    /** Documentation of {@code default.client.supplier}. */
    public static final String DEFAULT_CLIENT_SUPPLIER_DOC = "A KafkaClientSupplier class with a public no-argument"
        + " constructor; the runtime creates every producer, consumer and admin client through it.";
    /** Documentation of {@code default.deserialization.exception.handler}. */
    public static final String DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_DOC = "Deprecated; use"
        + " deserialization.exception.handler, which wins when both are set.";
    /** Documentation of {@code default.dsl.store}. */
    public static final String DEFAULT_DSL_STORE_DOC = "The kind of store the DSL uses where nothing more specific"
        + " is set: rocksDB or in_memory (in Runnel both are in-memory stores).";
    /** Documentation of {@code default.timestamp.extractor}. */
    public static final String DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_DOC = "The TimestampExtractor class of sources"
        + " that set none.";
    /** Documentation of {@code max.task.idle.ms}. */
    public static final String MAX_TASK_IDLE_MS_DOC = "How long a task reading several partitions waits, once an"
        + " empty one is caught up, for new records on it before it processes the others out of timestamp order."
        + " A partition with records not yet fetched is always waited for, so records already in the log are"
        + " processed in timestamp order; 0 (the default) waits for nothing more, -1 never waits.";
    /** Documentation of {@code processing.exception.handler}. */
    public static final String PROCESSING_EXCEPTION_HANDLER_CLASS_DOC = "The ProcessingExceptionHandler class that"
        + " decides whether a processor's exception fails the thread or skips the record.";
    /** Documentation of {@code rack.aware.assignment.strategy}. */
    public static final String RACK_AWARE_ASSIGNMENT_STRATEGY_DOC = "How tasks are placed across racks: none,"
        + " min_traffic or balance_subtopology. No effect in Runnel: one embedded log has no racks.";
    /** Documentation of {@code rack.aware.assignment.traffic_cost}. */
    public static final String RACK_AWARE_ASSIGNMENT_TRAFFIC_COST_DOC = "The cost of cross-rack traffic in"
        + " rack-aware assignment. No effect in Runnel.";
    /** Documentation of {@code rack.aware.assignment.non_overlap_cost}. */
    public static final String RACK_AWARE_ASSIGNMENT_NON_OVERLAP_COST_DOC = "The cost of moving a task away from"
        + " its previous client in rack-aware assignment. No effect in Runnel.";

    /** Prefix of configs passed only to the consumers. */
    public static final String CONSUMER_PREFIX = "consumer.";
    /** Prefix of configs passed only to the main (group) consumers; wins over {@link #CONSUMER_PREFIX}. */
    public static final String MAIN_CONSUMER_PREFIX = "main.consumer.";
    /** Prefix of configs passed only to the restore consumers; wins over {@link #CONSUMER_PREFIX}. */
    public static final String RESTORE_CONSUMER_PREFIX = "restore.consumer.";
    /** Prefix of configs passed only to the global consumer; wins over {@link #CONSUMER_PREFIX}. */
    public static final String GLOBAL_CONSUMER_PREFIX = "global.consumer.";
    /** Prefix of configs passed only to the producers. */
    public static final String PRODUCER_PREFIX = "producer.";
    /** Prefix of configs passed only to the admin client. */
    public static final String ADMIN_CLIENT_PREFIX = "admin.";
    /** Prefix of configs of the internal topics (changelog and repartition). */
    public static final String TOPIC_PREFIX = "topic.";
    /** Prefix of client tags, {@code client.tag.<key>=<value>}, for rack-aware standby assignment. */
    public static final String CLIENT_TAG_PREFIX = "client.tag.";

    private static final long EOS_DEFAULT_COMMIT_INTERVAL_MS = 100L;
    /** Kafka Streams' exactly-once transaction timeout: long enough for a commit interval, short for a crash. */
    private static final int EOS_TRANSACTION_TIMEOUT_MS = 10_000;
    private static final int MAX_POLL_RECORDS = 1000;
    private static final long PRODUCER_LINGER_MS = 100L;
    private static final int PRODUCER_BATCH_SIZE = 256 * 1024;
    private static final Set<String> RULES = Set.of(REUSE_KTABLE_SOURCE_TOPICS, MERGE_REPARTITION_TOPICS,
        SINGLE_STORE_SELF_JOIN);
    private static final Set<String> OPTIMIZATIONS = Set.of(OPTIMIZE, NO_OPTIMIZATION, REUSE_KTABLE_SOURCE_TOPICS,
        MERGE_REPARTITION_TOPICS, SINGLE_STORE_SELF_JOIN);
    private static final List<String> PREFIXES = List.of(CONSUMER_PREFIX, MAIN_CONSUMER_PREFIX,
        RESTORE_CONSUMER_PREFIX, GLOBAL_CONSUMER_PREFIX, PRODUCER_PREFIX, ADMIN_CLIENT_PREFIX, TOPIC_PREFIX,
        CLIENT_TAG_PREFIX);

    /** Parses and validates {@code props}, logging the values; keys must be strings. */
    public StreamsConfig(Map<?, ?> props) {
        this(props, true);
    }

    /** Parses and validates {@code props}, logging the values if {@code doLog}; keys must be strings. */
    protected StreamsConfig(Map<?, ?> props, boolean doLog) {
        super(StreamsConfigDefinition.DEFINITION, props, doLog);
        verifyStreamsProtocolCompatibility();
    }

    /** Parses and validates {@code props}. */
    public StreamsConfig(Properties props) {
        this((Map<?, ?>) props);
    }

    /**
     * Adds to the parsed values what Kafka Streams derives from them, and, as Runnel does, the given configs that are
     * not defined (so that {@link #values()} holds every config an application gave, as its processors' appConfigs
     * show them).
     */
    @Override
    protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsedValues) {
        return parse(originals(), parsedValues);
    }

    private static Map<String, Object> parse(Map<String, Object> originals, Map<String, Object> parsedValues) {
        Map<String, Object> parsed = new HashMap<>(originals);
        parsed.putAll(parsedValues);
        if (((String) parsed.get(APPLICATION_ID_CONFIG)).isBlank()) {
            throw new ConfigException("Missing required configuration \"" + APPLICATION_ID_CONFIG
                + "\" which has no default value.");
        }
        // A deprecated name counts only where its successor is unset, as in Kafka Streams.
        useDeprecated(originals, parsed, STATESTORE_CACHE_MAX_BYTES_CONFIG, CACHE_MAX_BYTES_BUFFERING_CONFIG);
        useDeprecated(originals, parsed, DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG);
        useDeprecated(originals, parsed, PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG);
        if (!originals.containsKey(COMMIT_INTERVAL_MS_CONFIG)
            && !AT_LEAST_ONCE.equals(parsed.get(PROCESSING_GUARANTEE_CONFIG))) {
            parsed.put(COMMIT_INTERVAL_MS_CONFIG, EOS_DEFAULT_COMMIT_INTERVAL_MS);
        }
        validateClientTags(originals, parsed);
        for (String key : originals.keySet()) {
            if (!StreamsConfigDefinition.DEFINITION.names().contains(key) && !ProducerConfig.configNames().contains(key)
                && !ConsumerConfig.configNames().contains(key) && PREFIXES.stream().noneMatch(key::startsWith)
                && !InternalConfig.KEYS.contains(key)) {
                LOG.warn("The configuration '{}' was supplied but isn't a known config.", key);
            }
        }
        return parsed;
    }

    /** Refuses static membership under the streams group protocol, as Kafka Streams does. */
    private void verifyStreamsProtocolCompatibility() {
        if (!GroupProtocol.STREAMS.name.equalsIgnoreCase(getString(GROUP_PROTOCOL_CONFIG))) {
            return;
        }
        // The main consumer's id, with the thread index appended: even an empty one is set.
        if (getMainConsumerConfigs("group", "client", -1).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG) != null) {
            throw new ConfigException("Streams rebalance protocol does not support static membership. Please set"
                + " group.protocol=classic or remove group.instance.id from the configuration.");
        }
    }

    private static void useDeprecated(Map<String, Object> originals, Map<String, Object> parsed, String key,
        String deprecatedKey) {
        if (originals.containsKey(deprecatedKey)) {
            if (originals.containsKey(key)) {
                LOG.warn("Both {} and its deprecated name {} are set; using {}", key, deprecatedKey, key);
            } else {
                LOG.warn("{} is deprecated; use {} instead", deprecatedKey, key);
                parsed.put(key, parsed.get(deprecatedKey));
            }
        }
    }

    /** Checks the {@code client.tag.} configs, and that {@code rack.aware.assignment.tags} names only those. */
    private static void validateClientTags(Map<String, Object> originals, Map<String, Object> parsed) {
        Map<String, String> tags = clientTags(originals);
        if (tags.size() > MAX_RACK_AWARE_ASSIGNMENT_TAG_LIST_SIZE) {
            throw new ConfigException("At most " + MAX_RACK_AWARE_ASSIGNMENT_TAG_LIST_SIZE
                + " client tags can be specified using the " + CLIENT_TAG_PREFIX + " prefix; got " + tags.size());
        }
        tags.forEach((key, value) -> {
            if (key.length() > MAX_RACK_AWARE_ASSIGNMENT_TAG_KEY_LENGTH
                || value.length() > MAX_RACK_AWARE_ASSIGNMENT_TAG_VALUE_LENGTH) {
                throw new ConfigException("Invalid value " + value + " for configuration "
                    + clientTagPrefix(key) + ": tag keys may have at most " + MAX_RACK_AWARE_ASSIGNMENT_TAG_KEY_LENGTH
                    + " characters and values at most " + MAX_RACK_AWARE_ASSIGNMENT_TAG_VALUE_LENGTH);
            }
        });
        for (Object tag : (List<?>) parsed.get(RACK_AWARE_ASSIGNMENT_TAGS_CONFIG)) {
            if (!tags.containsKey(tag.toString())) {
                throw new ConfigException("Invalid value " + tag + " for configuration "
                    + RACK_AWARE_ASSIGNMENT_TAGS_CONFIG + ": it is not a client tag; set " + clientTagPrefix(
                        tag.toString()));
            }
        }
    }

    private static Map<String, String> clientTags(Map<String, Object> originals) {
        Map<String, String> tags = new TreeMap<>();
        originals.forEach((key, value) -> {
            if (key.startsWith(CLIENT_TAG_PREFIX) && key.length() > CLIENT_TAG_PREFIX.length()) {
                tags.put(key.substring(CLIENT_TAG_PREFIX.length()), String.valueOf(value));
            }
        });
        return tags;
    }

    /**
     * Parses a {@code topology.optimization} value into the optimization rules it turns on: none for
     * {@code none}, all for {@code all}, else the listed rules.
     *
     * @throws ConfigException if a rule is unknown, or {@code none} or {@code all} is listed with others
     */
    public static Set<String> verifyTopologyOptimizationConfigs(String config) {
        List<String> listed = Arrays.stream(config.split(",")).map(String::trim).toList();
        boolean combined = listed.size() > 1 && (listed.contains(NO_OPTIMIZATION) || listed.contains(OPTIMIZE));
        if (combined || !OPTIMIZATIONS.containsAll(listed)) {
            throw new ConfigException("Invalid value " + config + " for configuration "
                + TOPOLOGY_OPTIMIZATION_CONFIG + ": expected '" + OPTIMIZE + "', '" + NO_OPTIMIZATION
                + "' or a list of " + new TreeSet<>(RULES));
        }
        if (listed.contains(OPTIMIZE)) {
            return RULES;
        }
        return listed.contains(NO_OPTIMIZATION) ? Set.of() : Set.copyOf(listed);
    }

    /** Returns a copy of the definition of every key: type, default, valid values and documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(StreamsConfigDefinition.DEFINITION);
    }

    /** Prints every key with its type, default and documentation. */
    public static void main(String[] args) {
        for (ConfigDef.ConfigKey key : StreamsConfigDefinition.DEFINITION.configKeys().values()) {
            System.out.println(ConfigDef.describe(key));
        }
    }

    /** Returns {@code name} prefixed with {@link #CONSUMER_PREFIX}. */
    public static String consumerPrefix(String name) {
        return CONSUMER_PREFIX + name;
    }

    /** Returns {@code name} prefixed with {@link #MAIN_CONSUMER_PREFIX}. */
    public static String mainConsumerPrefix(String name) {
        return MAIN_CONSUMER_PREFIX + name;
    }

    /** Returns {@code name} prefixed with {@link #RESTORE_CONSUMER_PREFIX}. */
    public static String restoreConsumerPrefix(String name) {
        return RESTORE_CONSUMER_PREFIX + name;
    }

    /** Returns {@code name} prefixed with {@link #GLOBAL_CONSUMER_PREFIX}. */
    public static String globalConsumerPrefix(String name) {
        return GLOBAL_CONSUMER_PREFIX + name;
    }

    /** Returns {@code name} prefixed with {@link #CLIENT_TAG_PREFIX}. */
    public static String clientTagPrefix(String name) {
        return CLIENT_TAG_PREFIX + name;
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

    /**
     * Returns a copy of the parsed values and of every other config given (typed {@code Object}, as a processor's
     * appConfigs are).
     */
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> values() {
        return (Map<String, Object>) super.values();
    }

    /**
     * Returns the configs of a stream thread's main consumer: the consumer configs given unprefixed, then those with
     * {@code consumer.}, then with {@code main.consumer.} (each wins over the one before), over Kafka Streams'
     * defaults ({@code auto.offset.reset=earliest}, {@code max.poll.records=1000}); then what the runtime requires:
     * group {@code groupId}, client id {@code clientId}, no auto-commit, and {@code read_committed} under
     * exactly-once. A configured {@code group.instance.id} gets {@code -<threadIdx>} appended, as in Kafka Streams:
     * each thread is its own static member, and one id shared by several would fence all but the newest.
     */
    public Map<String, Object> getMainConsumerConfigs(String groupId, String clientId, int threadIdx) {
        Map<String, Object> configs = consumerConfigs(MAIN_CONSUMER_PREFIX);
        Object instanceId = configs.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (instanceId != null) {
            configs.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId + "-" + threadIdx);
        }
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return configs;
    }

    /**
     * Returns the configs of a restore consumer, as {@link #getMainConsumerConfigs} with {@code restore.consumer.}
     * as the most specific prefix, and without a group: it only assigns and seeks.
     */
    public Map<String, Object> getRestoreConsumerConfigs(String clientId) {
        return groupless(consumerConfigs(RESTORE_CONSUMER_PREFIX), clientId);
    }

    /**
     * Returns the configs of the global consumer, as {@link #getMainConsumerConfigs} with {@code global.consumer.}
     * as the most specific prefix, and without a group.
     */
    public Map<String, Object> getGlobalConsumerConfigs(String clientId) {
        return groupless(consumerConfigs(GLOBAL_CONSUMER_PREFIX), clientId);
    }

    private static Map<String, Object> groupless(Map<String, Object> configs, String clientId) {
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return configs;
    }

    private Map<String, Object> consumerConfigs(String specificPrefix) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        configs.putAll(clientConfigs(ConsumerConfig.configNames(), CONSUMER_PREFIX, specificPrefix));
        // Kafka Streams' own group.protocol (classic or streams) is not the consumer's: its consumers join the
        // application's group however it is set.
        configs.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (exactlyOnce()) {
            configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        return configs;
    }

    /**
     * Returns the configs of a stream thread's producer: the producer configs given unprefixed, then with
     * {@code producer.} (which win), over Kafka Streams' {@code linger.ms=100} and Runnel's larger batches; then
     * client id {@code clientId}, and under exactly-once idempotence and a 10 s transaction timeout unless set. The
     * runtime adds the thread's {@code transactional.id}.
     */
    public Map<String, Object> getProducerConfigs(String clientId) {
        Map<String, Object> configs = new HashMap<>();
        // A stream thread flushes its producer on every commit anyway, so lingering only lets the sender write
        // fewer, larger batches.
        configs.put(ProducerConfig.LINGER_MS_CONFIG, PRODUCER_LINGER_MS);
        // Larger batches than the client's 16 KiB: one append and one CRC per batch on the embedded log.
        configs.put(ProducerConfig.BATCH_SIZE_CONFIG, PRODUCER_BATCH_SIZE);
        configs.putAll(clientConfigs(ProducerConfig.configNames(), PRODUCER_PREFIX));
        configs.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        if (exactlyOnce()) {
            configs.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, EOS_TRANSACTION_TIMEOUT_MS);
            configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        }
        return configs;
    }

    /** Returns the configs of the admin client: {@code log.dir}, the {@code admin.}-prefixed configs, the client id. */
    public Map<String, Object> getAdminConfigs(String clientId) {
        Map<String, Object> configs = new HashMap<>();
        Object logDir = originals().get(LOG_DIR_CONFIG);
        if (logDir != null) {
            configs.put(LOG_DIR_CONFIG, logDir);
        }
        configs.putAll(originalsWithPrefix(ADMIN_CLIENT_PREFIX));
        configs.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return configs;
    }

    /** Returns the client tags, {@code client.tag.<key>=<value>}, by key. */
    public Map<String, String> getClientTags() {
        return clientTags(originals());
    }

    /** The configs among {@code keys} given unprefixed, then with each prefix in turn, the later winning. */
    private Map<String, Object> clientConfigs(Set<String> keys, String... prefixes) {
        Map<String, Object> configs = new HashMap<>();
        originals().forEach((key, value) -> {
            if (keys.contains(key)) {
                configs.put(key, value);
            }
        });
        for (String prefix : prefixes) {
            originalsWithPrefix(prefix).forEach((key, value) -> {
                if (keys.contains(key)) {
                    configs.put(key, value);
                }
            });
        }
        return configs;
    }

    /** Returns whether {@code processing.guarantee} asks for exactly-once processing. */
    boolean exactlyOnce() {
        return !AT_LEAST_ONCE.equals(getString(PROCESSING_GUARANTEE_CONFIG));
    }

    /** Returns a new instance of {@code default.client.supplier}. */
    public KafkaClientSupplier getKafkaClientSupplier() {
        return getConfiguredInstance(DEFAULT_CLIENT_SUPPLIER_CONFIG, KafkaClientSupplier.class);
    }

    /**
     * Returns a new, configured instance of {@code default.key.serde}.
     *
     * @throws ConfigException if it is unset
     */
    public Serde<?> defaultKeySerde() {
        return serde(DEFAULT_KEY_SERDE_CLASS_CONFIG, true);
    }

    /**
     * Returns a new, configured instance of {@code default.value.serde}.
     *
     * @throws ConfigException if it is unset
     */
    public Serde<?> defaultValueSerde() {
        return serde(DEFAULT_VALUE_SERDE_CLASS_CONFIG, false);
    }

    private Serde<?> serde(String key, boolean isKey) {
        Serde<?> serde = getConfiguredInstance(key, Serde.class);
        if (serde == null) {
            throw new ConfigException("Please specify a " + (isKey ? "key" : "value")
                + " serde or set one through StreamsConfig#" + (isKey ? "DEFAULT_KEY" : "DEFAULT_VALUE")
                + "_SERDE_CLASS_CONFIG");
        }
        serde.configure(originals(), isKey);
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
        handler.configure(originals());
        return handler;
    }

    /** Returns a new, configured instance of the deserialization exception handler; Kafka's older name. */
    public DeserializationExceptionHandler defaultDeserializationExceptionHandler() {
        return deserializationExceptionHandler();
    }

    /** Returns a new, configured instance of the production exception handler; Kafka's older name. */
    public ProductionExceptionHandler defaultProductionExceptionHandler() {
        return productionExceptionHandler();
    }

    /** Returns a new, configured instance of the processing exception handler. */
    public ProcessingExceptionHandler processingExceptionHandler() {
        ProcessingExceptionHandler handler = getConfiguredInstance(PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            ProcessingExceptionHandler.class);
        handler.configure(originals());
        return handler;
    }

    /** Returns a new, configured instance of the production exception handler. */
    public ProductionExceptionHandler productionExceptionHandler() {
        ProductionExceptionHandler handler = getConfiguredInstance(PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            ProductionExceptionHandler.class);
        handler.configure(originals());
        return handler;
    }

    @Override
    public String toString() {
        return "StreamsConfig" + new java.util.TreeMap<>(values());
    }

    /** Configs for Kafka Streams' internal use and for tests, named as Kafka Streams names them. */
    public static final class InternalConfig {
        /**
         * The wall-clock milliseconds between two scans of a left or outer stream-stream join's buffer for records
         * whose windows have closed (1000 by default; the test driver sets 0, so every record may emit them).
         */
        public static final String EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX =
            "__emit.interval.ms.kstreams.outer.join.spurious.results.fix__";

        /**
         * The wall-clock milliseconds between two reads of an {@code emitStrategy(onWindowClose)} aggregation's store
         * for windows that have closed (1000 by default; the test driver sets 0, so every record may emit them).
         */
        public static final String EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION =
            "__emit.interval.ms.kstreams.windowed.aggregation__";

        private static final Set<String> KEYS = Set.of(EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX,
            EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION);

        private InternalConfig() {
        }

        /**
         * Returns internal setting {@code key} of {@code configs}, a number or a numeric string, or
         * {@code defaultValue} if it is unset or of another type (logged).
         *
         * @throws NumberFormatException if the setting is a string that is not a number
         */
        public static long getLong(Map<String, Object> configs, String key, long defaultValue) {
            Object value = configs.getOrDefault(key, defaultValue);
            if (value instanceof Number number) {
                return number.longValue();
            }
            if (value instanceof String text) {
                return Long.parseLong(text.trim());
            }
            LOG.warn("Invalid value ({}) on internal configuration '{}'. Please specify a numeric value.", value, key);
            return defaultValue;
        }
    }
}
