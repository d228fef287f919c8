package dev.runnel.clients.consumer;

import dev.runnel.clients.CommonClientConfigs;
import dev.runnel.common.config.AbstractConfig;
import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.SecurityConfig;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.errors.InvalidConfigurationException;
import dev.runnel.common.serialization.Deserializer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The consumer's configuration, as Kafka's {@code ConsumerConfig}: every key Kafka's consumer defines, with Kafka's
 * types, defaults and valid values ({@link #configDef()}), parsed and checked when a {@link KafkaConsumer} is created
 * or a {@code ConsumerConfig} is, which fails with a {@link ConfigException} naming the key, the value and why. Keys
 * about brokers, connections and security are accepted and unused by the embedded log; {@code bootstrap.servers} may
 * be left out. Runnel adds {@code log.dir}.
 *
 * <p>After parsing, as in Kafka: an empty {@code client.id} becomes {@code consumer-<group.id>-N} ({@code null} for
 * no group); without a group {@code enable.auto.commit} is false, and asking for it is an error; the keys one group
 * protocol does not take are errors under it ({@code group.remote.assignor} under {@code classic};
 * {@code session.timeout.ms}, {@code heartbeat.interval.ms} and {@code partition.assignment.strategy} under
 * {@code consumer}).
 */
public class ConsumerConfig extends AbstractConfig {
    /** The embedded log's data folder (Runnel). Default {@code runnel-data}. */
    public static final String LOG_DIR_CONFIG = "log.dir";
    public static final String GROUP_ID_CONFIG = CommonClientConfigs.GROUP_ID_CONFIG;
    /** A static member's stable identity within its group (KIP-345). Default none (a dynamic member). */
    public static final String GROUP_INSTANCE_ID_CONFIG = CommonClientConfigs.GROUP_INSTANCE_ID_CONFIG;
    /** The most records one {@code poll} returns. Default 500. */
    public static final String MAX_POLL_RECORDS_CONFIG = "max.poll.records";
    /** The longest gap between polls before the member is removed from its group. Default 300000. */
    public static final String MAX_POLL_INTERVAL_MS_CONFIG = CommonClientConfigs.MAX_POLL_INTERVAL_MS_CONFIG;
    /** How long a member may go without a heartbeat before it is removed. Default 45000. In-process, an open
     * consumer always heartbeats; this bounds how long a closed static member keeps its partitions. */
    public static final String SESSION_TIMEOUT_MS_CONFIG = CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG;
    /** How often a waiting consumer checks its group. Default 3000; must be lower than session.timeout.ms. */
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = CommonClientConfigs.HEARTBEAT_INTERVAL_MS_CONFIG;
    /**
     * {@code classic} (default) or {@code consumer} (KIP-848), either case. Runnel's embedded group serves both alike:
     * the choice is accepted and checked so that Kafka 4 configs work.
     */
    public static final String GROUP_PROTOCOL_CONFIG = "group.protocol";
    public static final String DEFAULT_GROUP_PROTOCOL = "classic";
    /** The server-side assignor of KIP-848's protocol; accepted, no effect (the group assigns as it always does). */
    public static final String GROUP_REMOTE_ASSIGNOR_CONFIG = "group.remote.assignor";
    public static final String DEFAULT_GROUP_REMOTE_ASSIGNOR = null;
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String CLIENT_DNS_LOOKUP_CONFIG = CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG;
    public static final String ENABLE_AUTO_COMMIT_CONFIG = "enable.auto.commit";
    /** How often positions are committed when {@code enable.auto.commit} is true. Default 5000. */
    public static final String AUTO_COMMIT_INTERVAL_MS_CONFIG = "auto.commit.interval.ms";
    /** Assignor names or classes, in preference order. Default {@code [RangeAssignor, CooperativeStickyAssignor]}. */
    public static final String PARTITION_ASSIGNMENT_STRATEGY_CONFIG = "partition.assignment.strategy";
    /** Where to start when a partition has no position or its position is out of range: {@code latest} (default),
     * {@code earliest}, {@code none} (throw) or {@code by_duration:<ISO-8601 duration>} (the first record that
     * recent, else the end). */
    public static final String AUTO_OFFSET_RESET_CONFIG = "auto.offset.reset";
    public static final String FETCH_MIN_BYTES_CONFIG = "fetch.min.bytes";
    /** The most bytes held in fetch buffers across partitions. Default 50 MiB. */
    public static final String FETCH_MAX_BYTES_CONFIG = "fetch.max.bytes";
    public static final String FETCH_MAX_WAIT_MS_CONFIG = "fetch.max.wait.ms";
    public static final String METADATA_MAX_AGE_CONFIG = CommonClientConfigs.METADATA_MAX_AGE_CONFIG;
    /** The most bytes read from one partition at a time (at least one whole batch). Default 1 MiB. */
    public static final String MAX_PARTITION_FETCH_BYTES_CONFIG = "max.partition.fetch.bytes";
    public static final String SEND_BUFFER_CONFIG = CommonClientConfigs.SEND_BUFFER_CONFIG;
    public static final String RECEIVE_BUFFER_CONFIG = CommonClientConfigs.RECEIVE_BUFFER_CONFIG;
    public static final String CLIENT_ID_CONFIG = CommonClientConfigs.CLIENT_ID_CONFIG;
    public static final String CLIENT_RACK_CONFIG = CommonClientConfigs.CLIENT_RACK_CONFIG;
    public static final String DEFAULT_CLIENT_RACK = CommonClientConfigs.DEFAULT_CLIENT_RACK;
    public static final String RECONNECT_BACKOFF_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG;
    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG;
    public static final String RETRY_BACKOFF_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG;
    public static final String ENABLE_METRICS_PUSH_CONFIG = CommonClientConfigs.ENABLE_METRICS_PUSH_CONFIG;
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG;
    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG;
    public static final String METRICS_NUM_SAMPLES_CONFIG = CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG;
    public static final String METRICS_RECORDING_LEVEL_CONFIG = CommonClientConfigs.METRICS_RECORDING_LEVEL_CONFIG;
    /** {@link dev.runnel.common.metrics.MetricsReporter} classes told of the client's metrics. */
    public static final String METRIC_REPORTER_CLASSES_CONFIG = CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG;
    /** Whether each batch's CRC is checked before its records are returned. Default true. */
    public static final String CHECK_CRCS_CONFIG = "check.crcs";
    public static final String KEY_DESERIALIZER_CLASS_CONFIG = "key.deserializer";
    public static final String VALUE_DESERIALIZER_CLASS_CONFIG = "value.deserializer";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG =
        CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG;
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG =
        CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG;
    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG;
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG;
    /** {@link ConsumerInterceptor} classes, a list or comma-separated names, called in order. Default none. */
    public static final String INTERCEPTOR_CLASSES_CONFIG = "interceptor.classes";
    public static final String EXCLUDE_INTERNAL_TOPICS_CONFIG = "exclude.internal.topics";
    public static final boolean DEFAULT_EXCLUDE_INTERNAL_TOPICS = true;
    /** {@code read_uncommitted} (default): every record but transaction markers; {@code read_committed}: only
     * committed transactions' records, up to the last stable offset. */
    public static final String ISOLATION_LEVEL_CONFIG = "isolation.level";
    public static final String DEFAULT_ISOLATION_LEVEL = "read_uncommitted";
    public static final String ALLOW_AUTO_CREATE_TOPICS_CONFIG = "allow.auto.create.topics";
    public static final boolean DEFAULT_ALLOW_AUTO_CREATE_TOPICS = true;
    public static final String SECURITY_PROVIDERS_CONFIG = SecurityConfig.SECURITY_PROVIDERS_CONFIG;
    public static final String SHARE_ACKNOWLEDGEMENT_MODE_CONFIG = "share.acknowledgement.mode";
    public static final String SHARE_ACQUIRE_MODE_CONFIG = "share.acquire.mode";
    public static final String DEFAULT_SHARE_ACQUIRE_MODE = "BATCH_OPTIMIZED";
    /** The {@code partition.assignment.strategy} names of the built-in assignors. */
    public static final List<String> ASSIGN_FROM_SUBSCRIBED_ASSIGNORS =
        List.of("range", "roundrobin", "sticky", "cooperative-sticky");

    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    public static final int DEFAULT_FETCH_MIN_BYTES = 1;
    public static final int DEFAULT_FETCH_MAX_BYTES = 50 * 1024 * 1024;
    public static final int DEFAULT_FETCH_MAX_WAIT_MS = 500;
    public static final int DEFAULT_MAX_PARTITION_FETCH_BYTES = 1024 * 1024;
    public static final int DEFAULT_SESSION_TIMEOUT_MS = 45_000;
    public static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;
    public static final int DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;
    public static final int DEFAULT_AUTO_COMMIT_INTERVAL_MS = 5_000;

    private static final AtomicInteger CLIENT_ID_SEQUENCE = new AtomicInteger(1);

    /** Parses and checks {@code props}, logging the values. */
    public ConsumerConfig(Properties props) {
        super(ConsumerConfigDefinition.DEFINITION, props);
    }

    /** Parses and checks {@code props}, logging the values. */
    public ConsumerConfig(Map<String, Object> props) {
        super(ConsumerConfigDefinition.DEFINITION, props);
    }

    /** Parses and checks {@code props}, logging the values if {@code doLog}, for a subclass. */
    protected ConsumerConfig(Map<?, ?> props, boolean doLog) {
        super(ConsumerConfigDefinition.DEFINITION, props, doLog);
    }

    /** The configs with the deserializers' classes added where instances are given, as Kafka's consumer does. */
    public static Map<String, Object> appendDeserializerToConfig(Map<String, Object> configs,
                                                                 Deserializer<?> keyDeserializer,
                                                                 Deserializer<?> valueDeserializer) {
        Map<String, Object> newConfigs = new HashMap<>(configs);
        if (keyDeserializer != null) {
            newConfigs.put(KEY_DESERIALIZER_CLASS_CONFIG, keyDeserializer.getClass());
        }
        if (valueDeserializer != null) {
            newConfigs.put(VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer.getClass());
        }
        return newConfigs;
    }

    @Override
    protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsedValues) {
        Map<String, Object> updates = new HashMap<>();
        String groupId = (String) parsedValues.get(GROUP_ID_CONFIG);
        if (((String) parsedValues.get(CLIENT_ID_CONFIG)).isEmpty()) {
            updates.put(CLIENT_ID_CONFIG, "consumer-" + groupId + "-" + CLIENT_ID_SEQUENCE.getAndIncrement());
        }
        if (groupId == null) {
            if (originals().containsKey(ENABLE_AUTO_COMMIT_CONFIG) && (Boolean) parsedValues.get(
                ENABLE_AUTO_COMMIT_CONFIG)) {
                throw new InvalidConfigurationException(ENABLE_AUTO_COMMIT_CONFIG + " cannot be set to true when "
                    + "default group id (null) is used.");
            }
            updates.put(ENABLE_AUTO_COMMIT_CONFIG, false);
        }
        String protocol = ((String) parsedValues.get(GROUP_PROTOCOL_CONFIG)).toUpperCase(Locale.ROOT);
        List<String> unsupported = protocol.equals("CLASSIC") ? List.of(GROUP_REMOTE_ASSIGNOR_CONFIG)
            : List.of(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, HEARTBEAT_INTERVAL_MS_CONFIG, SESSION_TIMEOUT_MS_CONFIG);
        List<String> given = unsupported.stream()
            .filter(key -> originals().get(key) != null && !originals().get(key).toString().isBlank()).toList();
        if (!given.isEmpty()) {
            throw new ConfigException(String.join(", ", given) + " cannot be set when " + GROUP_PROTOCOL_CONFIG + "="
                + protocol);
        }
        return updates;
    }

    /** The keys the consumer defines; others given are kept in {@link #originals()} and logged as unused. */
    public static Set<String> configNames() {
        return ConsumerConfigDefinition.DEFINITION.names();
    }

    /** A copy of the consumer's definition. */
    public static ConfigDef configDef() {
        return new ConfigDef(ConsumerConfigDefinition.DEFINITION);
    }

    /** Prints the consumer's configs as an HTML table, as Kafka's documentation shows them. */
    public static void main(String[] args) {
        System.out.println(ConsumerConfigDefinition.DEFINITION.toHtml(4, config -> "consumerconfigs_" + config));
    }
}
