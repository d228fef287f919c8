package dev.runnel.clients.admin;

import dev.runnel.clients.CommonClientConfigs;
import dev.runnel.clients.internals.ClientConfigDefinitions;
import dev.runnel.common.config.AbstractConfig;
import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.ConfigDef.Importance;
import dev.runnel.common.config.ConfigDef.Range;
import dev.runnel.common.config.ConfigDef.Type;
import dev.runnel.common.config.ConfigDef.ValidList;
import dev.runnel.common.config.SecurityConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin client's configuration, as Kafka's {@code AdminClientConfig}: every key Kafka's admin client defines,
 * with Kafka's types, defaults and valid values ({@link #configDef()}), parsed and checked when an {@link Admin} is
 * created or an {@code AdminClientConfig} is, which fails with a {@link dev.runnel.common.config.ConfigException}
 * naming the key, the value and why. The embedded log answers every call at once and never retries, so the keys
 * about brokers, retries, connections and security are accepted and unused. Runnel adds {@code log.dir}.
 */
public class AdminClientConfig extends AbstractConfig {
    /** The embedded log's data folder (Runnel). Default {@code runnel-data}. */
    public static final String LOG_DIR_CONFIG = "log.dir";
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String BOOTSTRAP_CONTROLLERS_CONFIG = "bootstrap.controllers";
    public static final String CLIENT_DNS_LOOKUP_CONFIG = CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG;
    public static final String RECONNECT_BACKOFF_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG;
    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG;
    public static final String RETRY_BACKOFF_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG;
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG;
    public static final String ENABLE_METRICS_PUSH_CONFIG = CommonClientConfigs.ENABLE_METRICS_PUSH_CONFIG;
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG =
        CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG;
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG =
        CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG;
    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG;
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
    public static final String CLIENT_ID_CONFIG = CommonClientConfigs.CLIENT_ID_CONFIG;
    public static final String METADATA_MAX_AGE_CONFIG = CommonClientConfigs.METADATA_MAX_AGE_CONFIG;
    public static final String SEND_BUFFER_CONFIG = CommonClientConfigs.SEND_BUFFER_CONFIG;
    public static final String RECEIVE_BUFFER_CONFIG = CommonClientConfigs.RECEIVE_BUFFER_CONFIG;
    /** {@link dev.runnel.common.metrics.MetricsReporter} classes told of the client's metrics. */
    public static final String METRIC_REPORTER_CLASSES_CONFIG = CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG;
    public static final String METRICS_NUM_SAMPLES_CONFIG = CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG;
    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG;
    public static final String METRICS_RECORDING_LEVEL_CONFIG = CommonClientConfigs.METRICS_RECORDING_LEVEL_CONFIG;
    public static final String SECURITY_PROTOCOL_CONFIG = CommonClientConfigs.SECURITY_PROTOCOL_CONFIG;
    public static final String DEFAULT_SECURITY_PROTOCOL = CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL;
    public static final String RETRIES_CONFIG = CommonClientConfigs.RETRIES_CONFIG;
    /** The timeout of calls whose options set none. Default 60000. */
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG;
    public static final String METADATA_RECOVERY_STRATEGY_CONFIG =
        CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG;
    public static final String DEFAULT_METADATA_RECOVERY_STRATEGY =
        CommonClientConfigs.DEFAULT_METADATA_RECOVERY_STRATEGY;
    public static final String METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG =
        CommonClientConfigs.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG;
    public static final long DEFAULT_METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS =
        CommonClientConfigs.DEFAULT_METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS;
    public static final String SECURITY_PROVIDERS_CONFIG = SecurityConfig.SECURITY_PROVIDERS_CONFIG;

    private static final ConfigDef DEFINITION = define();

    /** Parses and checks {@code props}, logging the values. */
    public AdminClientConfig(Map<?, ?> props) {
        super(DEFINITION, props);
    }

    /** Parses and checks {@code props}, logging the values if {@code doLog}, for a subclass. */
    protected AdminClientConfig(Map<?, ?> props, boolean doLog) {
        super(DEFINITION, props, doLog);
    }

    private static ConfigDef define() {
        ConfigDef def = new ConfigDef()
            .define(BOOTSTRAP_CONTROLLERS_CONFIG, Type.LIST, List.of(), ValidList.anyNonDuplicateValues(true, false),
                Importance.HIGH, "host:port pairs of controllers to manage a cluster through; unused.")
            .define(CLIENT_ID_CONFIG, Type.STRING, "", Importance.MEDIUM, CommonClientConfigs.CLIENT_ID_DOC)
            .define(RETRIES_CONFIG, Type.INT, Integer.MAX_VALUE, Range.between(0, Integer.MAX_VALUE), Importance.LOW,
                "How often a failed call is retried; the embedded log answers every call at once.")
            .define(DEFAULT_API_TIMEOUT_MS_CONFIG, Type.INT, 60_000, Range.atLeast(0), Importance.MEDIUM,
                "The timeout of calls whose options give none; the embedded log answers every call at once.");
        return ClientConfigDefinitions.defineCommon(def, 64 * 1024, 5 * 60_000L, false);
    }

    /** The keys the admin client defines; others given are kept in {@link #originals()} and logged as unused. */
    public static Set<String> configNames() {
        return DEFINITION.names();
    }

    /** A copy of the admin client's definition. */
    public static ConfigDef configDef() {
        return new ConfigDef(DEFINITION);
    }

    /** Prints the admin client's configs as an HTML table, as Kafka's documentation shows them. */
    public static void main(String[] args) {
        System.out.println(DEFINITION.toHtml(4, config -> "adminclientconfigs_" + config));
    }
}
