package dev.runnel.clients;

/**
 * Config keys shared by several clients, spelled as in Kafka's {@code CommonClientConfigs}, with the documentation
 * the clients' definitions share. The embedded log has no network: the connection, retry and security keys are
 * accepted, checked as Kafka checks them, and otherwise have no effect.
 *
 * <p>The list serde's keys ({@link dev.runnel.common.serialization.Serdes.ListSerde}) are read when a list serde is
 * created with its no-argument constructor (as {@code default.key.serde} or {@code key.deserializer} does) and then
 * configured.
 */
public final class CommonClientConfigs {
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String BOOTSTRAP_SERVERS_DOC = "host:port pairs of brokers to connect to first. The embedded"
        + " log needs none: accepted for portability, and unused.";
    public static final String CLIENT_DNS_LOOKUP_CONFIG = "client.dns.lookup";
    public static final String CLIENT_DNS_LOOKUP_DOC = "How broker host names are resolved; no effect on the embedded"
        + " log.";
    public static final String METADATA_MAX_AGE_CONFIG = "metadata.max.age.ms";
    public static final String METADATA_MAX_AGE_DOC = "How old cluster metadata may grow before it is refreshed; the"
        + " embedded log's metadata is always current.";
    public static final String SEND_BUFFER_CONFIG = "send.buffer.bytes";
    public static final String SEND_BUFFER_DOC = "The TCP send buffer size (-1: the OS default); no sockets here.";
    public static final int SEND_BUFFER_LOWER_BOUND = -1;
    public static final String RECEIVE_BUFFER_CONFIG = "receive.buffer.bytes";
    public static final String RECEIVE_BUFFER_DOC = "The TCP receive buffer size (-1: the OS default); no sockets"
        + " here.";
    public static final int RECEIVE_BUFFER_LOWER_BOUND = -1;
    public static final String CLIENT_ID_CONFIG = "client.id";
    public static final String CLIENT_ID_DOC = "A name for the client, used in its metrics' client-id tag and in log"
        + " lines. When empty the client makes one up.";
    public static final String CLIENT_RACK_CONFIG = "client.rack";
    public static final String CLIENT_RACK_DOC = "The rack the client runs in, for rack-aware fetching; unused.";
    public static final String DEFAULT_CLIENT_RACK = "";
    public static final String RECONNECT_BACKOFF_MS_CONFIG = "reconnect.backoff.ms";
    public static final String RECONNECT_BACKOFF_MS_DOC = "The first wait before reconnecting to a broker; unused.";
    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = "reconnect.backoff.max.ms";
    public static final String RECONNECT_BACKOFF_MAX_MS_DOC = "The longest wait before reconnecting; unused.";
    public static final String RETRIES_CONFIG = "retries";
    public static final String RETRIES_DOC = "How often a failed request is retried.";
    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MS_DOC = "The first wait before a failed request is retried.";
    public static final Long DEFAULT_RETRY_BACKOFF_MS = 100L;
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    public static final String RETRY_BACKOFF_MAX_MS_DOC = "The longest wait before a failed request is retried.";
    public static final Long DEFAULT_RETRY_BACKOFF_MAX_MS = 1000L;
    public static final int RETRY_BACKOFF_EXP_BASE = 2;
    public static final double RETRY_BACKOFF_JITTER = 0.2;
    public static final String ENABLE_METRICS_PUSH_CONFIG = "enable.metrics.push";
    public static final String ENABLE_METRICS_PUSH_DOC = "Whether metrics are pushed to a broker that asks for them"
        + " (KIP-714); the embedded log asks for none.";
    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = "metrics.sample.window.ms";
    public static final String METRICS_SAMPLE_WINDOW_MS_DOC = "The length of one sample of a windowed metric (a rate,"
        + " an average, a maximum).";
    public static final String METRICS_NUM_SAMPLES_CONFIG = "metrics.num.samples";
    public static final String METRICS_NUM_SAMPLES_DOC = "How many samples a windowed metric keeps: it measures over"
        + " that many sample windows.";
    public static final String METRICS_RECORDING_LEVEL_CONFIG = "metrics.recording.level";
    public static final String METRICS_RECORDING_LEVEL_DOC = "The finest level of sensors that record: INFO, DEBUG"
        + " or TRACE.";
    public static final String METRIC_REPORTER_CLASSES_CONFIG = "metric.reporters";
    public static final String METRIC_REPORTER_CLASSES_DOC = "MetricsReporter classes told of the client's metrics."
        + " The client publishes its metrics in JMX whatever this lists.";
    public static final String METRICS_CONTEXT_PREFIX = "metrics.context.";
    public static final String SECURITY_PROTOCOL_CONFIG = "security.protocol";
    public static final String SECURITY_PROTOCOL_DOC = "How the client talks to brokers; the embedded log has no"
        + " network, so any of Kafka's protocols is accepted and none is used.";
    public static final String DEFAULT_SECURITY_PROTOCOL = "PLAINTEXT";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG = "socket.connection.setup.timeout.ms";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_DOC = "How long opening a connection may take;"
        + " unused.";
    public static final Long DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MS = 10_000L;
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG = "socket.connection.setup.timeout.max.ms";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_DOC = "The cap on the connection setup"
        + " timeout as it backs off; unused.";
    public static final Long DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS = 30_000L;
    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = "connections.max.idle.ms";
    public static final String CONNECTIONS_MAX_IDLE_MS_DOC = "How long an idle connection stays open; unused.";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "request.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS_DOC = "How long the client waits for a broker's response; the"
        + " embedded log answers in process.";
    public static final String GROUP_ID_CONFIG = "group.id";
    public static final String GROUP_INSTANCE_ID_CONFIG = "group.instance.id";
    public static final String MAX_POLL_INTERVAL_MS_CONFIG = "max.poll.interval.ms";
    public static final String REBALANCE_TIMEOUT_MS_CONFIG = "rebalance.timeout.ms";
    public static final String SESSION_TIMEOUT_MS_CONFIG = "session.timeout.ms";
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = "heartbeat.interval.ms";
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = "default.api.timeout.ms";
    public static final String DEFAULT_API_TIMEOUT_MS_DOC = "The timeout of the client's blocking calls that are"
        + " given none.";
    public static final String METADATA_RECOVERY_STRATEGY_CONFIG = "metadata.recovery.strategy";
    public static final String METADATA_RECOVERY_STRATEGY_DOC = "What the client does when no known broker is"
        + " reachable: rebootstrap or none; unused.";
    public static final String DEFAULT_METADATA_RECOVERY_STRATEGY = "rebootstrap";
    public static final String METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG =
        "metadata.recovery.rebootstrap.trigger.ms";
    public static final String METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_DOC = "How long the client goes without"
        + " metadata before it rebootstraps; unused.";
    public static final long DEFAULT_METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS = 300_000;

    /** The {@code Serde} class of the elements of a list key. */
    public static final String DEFAULT_LIST_KEY_SERDE_INNER_CLASS = "default.list.key.serde.inner";
    /** The {@code Serde} class of the elements of a list value. */
    public static final String DEFAULT_LIST_VALUE_SERDE_INNER_CLASS = "default.list.value.serde.inner";
    /** The {@code java.util.List} class a list key is deserialized into, e.g. {@code java.util.ArrayList}. */
    public static final String DEFAULT_LIST_KEY_SERDE_TYPE_CLASS = "default.list.key.serde.type";
    /** The {@code java.util.List} class a list value is deserialized into. */
    public static final String DEFAULT_LIST_VALUE_SERDE_TYPE_CLASS = "default.list.value.serde.type";

    private CommonClientConfigs() {
    }
}
