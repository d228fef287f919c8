package dev.runnel.clients.consumer;

import java.util.Set;

/** The consumer's config keys, spelled as in Kafka, with Kafka 4's defaults noted on each. */
public final class ConsumerConfig {
    /** The embedded log's data folder (Runnel). Default {@code runnel-data}. */
    public static final String LOG_DIR_CONFIG = "log.dir";
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String CLIENT_ID_CONFIG = "client.id";
    public static final String GROUP_ID_CONFIG = "group.id";
    /** Where to start when a partition has no position or its position is out of range: {@code latest} (default),
     * {@code earliest} or {@code none} (throw). */
    public static final String AUTO_OFFSET_RESET_CONFIG = "auto.offset.reset";
    /** The most records one {@code poll} returns. Default 500. */
    public static final String MAX_POLL_RECORDS_CONFIG = "max.poll.records";
    /** The most bytes read from one partition at a time (at least one whole batch). Default 1 MiB. */
    public static final String MAX_PARTITION_FETCH_BYTES_CONFIG = "max.partition.fetch.bytes";
    /** The most bytes held in fetch buffers across partitions. Default 50 MiB. */
    public static final String FETCH_MAX_BYTES_CONFIG = "fetch.max.bytes";
    public static final String FETCH_MIN_BYTES_CONFIG = "fetch.min.bytes";
    public static final String FETCH_MAX_WAIT_MS_CONFIG = "fetch.max.wait.ms";
    /** Whether each batch's CRC is checked before its records are returned. Default true. */
    public static final String CHECK_CRCS_CONFIG = "check.crcs";
    public static final String KEY_DESERIALIZER_CLASS_CONFIG = "key.deserializer";
    public static final String VALUE_DESERIALIZER_CLASS_CONFIG = "value.deserializer";
    public static final String ENABLE_AUTO_COMMIT_CONFIG = "enable.auto.commit";
    /** {@code read_uncommitted} (default): every record but transaction markers; {@code read_committed}: only
     * committed transactions' records, up to the last stable offset. */
    public static final String ISOLATION_LEVEL_CONFIG = "isolation.level";
    /** A static member's stable identity within its group (KIP-345). Default none (a dynamic member). */
    public static final String GROUP_INSTANCE_ID_CONFIG = "group.instance.id";
    /** How long a member may go without a heartbeat before it is removed. Default 45000. In-process, an open
     * consumer always heartbeats; this bounds how long a closed static member keeps its partitions. */
    public static final String SESSION_TIMEOUT_MS_CONFIG = "session.timeout.ms";
    /** How often a waiting consumer checks its group. Default 3000; must be lower than session.timeout.ms. */
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = "heartbeat.interval.ms";
    /** The longest gap between polls before the member is removed from its group. Default 300000. */
    public static final String MAX_POLL_INTERVAL_MS_CONFIG = "max.poll.interval.ms";
    /** Assignor names or classes, in preference order. Default {@code [RangeAssignor, CooperativeStickyAssignor]}. */
    public static final String PARTITION_ASSIGNMENT_STRATEGY_CONFIG = "partition.assignment.strategy";
    /** How often positions are committed when {@code enable.auto.commit} is true. Default 5000. */
    public static final String AUTO_COMMIT_INTERVAL_MS_CONFIG = "auto.commit.interval.ms";

    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    public static final int DEFAULT_MAX_PARTITION_FETCH_BYTES = 1024 * 1024;
    public static final int DEFAULT_FETCH_MAX_BYTES = 50 * 1024 * 1024;
    public static final int DEFAULT_SESSION_TIMEOUT_MS = 45_000;
    public static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;
    public static final int DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;
    public static final int DEFAULT_AUTO_COMMIT_INTERVAL_MS = 5_000;

    /** {@link ConsumerInterceptor} classes, a list or comma-separated names, called in order. Default none. */
    public static final String INTERCEPTOR_CLASSES_CONFIG = "interceptor.classes";
    /** {@link dev.runnel.common.metrics.MetricsReporter} classes told of the client's metrics. Default none. */
    public static final String METRIC_REPORTER_CLASSES_CONFIG = "metric.reporters";

    /**
     * {@code classic} (default) or {@code consumer} (KIP-848), either case. Runnel's embedded group serves both alike:
     * the choice is accepted and checked so that Kafka 4 configs work.
     */
    public static final String GROUP_PROTOCOL_CONFIG = "group.protocol";
    /** The server-side assignor of KIP-848's protocol; accepted, no effect (the group assigns as it always does). */
    public static final String GROUP_REMOTE_ASSIGNOR_CONFIG = "group.remote.assignor";

    public static final Set<String> KEYS = Set.of(LOG_DIR_CONFIG, BOOTSTRAP_SERVERS_CONFIG, CLIENT_ID_CONFIG,
        GROUP_ID_CONFIG, AUTO_OFFSET_RESET_CONFIG, MAX_POLL_RECORDS_CONFIG, MAX_PARTITION_FETCH_BYTES_CONFIG,
        FETCH_MAX_BYTES_CONFIG, FETCH_MIN_BYTES_CONFIG, FETCH_MAX_WAIT_MS_CONFIG, CHECK_CRCS_CONFIG,
        KEY_DESERIALIZER_CLASS_CONFIG, VALUE_DESERIALIZER_CLASS_CONFIG, ENABLE_AUTO_COMMIT_CONFIG,
        ISOLATION_LEVEL_CONFIG, GROUP_INSTANCE_ID_CONFIG, SESSION_TIMEOUT_MS_CONFIG, HEARTBEAT_INTERVAL_MS_CONFIG,
        MAX_POLL_INTERVAL_MS_CONFIG, PARTITION_ASSIGNMENT_STRATEGY_CONFIG, AUTO_COMMIT_INTERVAL_MS_CONFIG,
        INTERCEPTOR_CLASSES_CONFIG, METRIC_REPORTER_CLASSES_CONFIG, GROUP_PROTOCOL_CONFIG,
        GROUP_REMOTE_ASSIGNOR_CONFIG);

    private ConsumerConfig() {
    }

    /** The keys the consumer accepts, as Kafka's {@code configNames()}: {@link #KEYS}; others are logged as unknown. */
    public static Set<String> configNames() {
        return KEYS;
    }
}
