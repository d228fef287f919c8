package dev.runnel.clients.internals;

import static dev.runnel.clients.CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.BOOTSTRAP_SERVERS_DOC;
import static dev.runnel.clients.CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.CLIENT_DNS_LOOKUP_DOC;
import static dev.runnel.clients.CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_DOC;
import static dev.runnel.clients.CommonClientConfigs.DEFAULT_METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS;
import static dev.runnel.clients.CommonClientConfigs.DEFAULT_METADATA_RECOVERY_STRATEGY;
import static dev.runnel.clients.CommonClientConfigs.DEFAULT_RETRY_BACKOFF_MAX_MS;
import static dev.runnel.clients.CommonClientConfigs.DEFAULT_RETRY_BACKOFF_MS;
import static dev.runnel.clients.CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL;
import static dev.runnel.clients.CommonClientConfigs.DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS;
import static dev.runnel.clients.CommonClientConfigs.DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MS;
import static dev.runnel.clients.CommonClientConfigs.ENABLE_METRICS_PUSH_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.ENABLE_METRICS_PUSH_DOC;
import static dev.runnel.clients.CommonClientConfigs.METADATA_MAX_AGE_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.METADATA_MAX_AGE_DOC;
import static dev.runnel.clients.CommonClientConfigs.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_DOC;
import static dev.runnel.clients.CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.METADATA_RECOVERY_STRATEGY_DOC;
import static dev.runnel.clients.CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.METRICS_NUM_SAMPLES_DOC;
import static dev.runnel.clients.CommonClientConfigs.METRICS_RECORDING_LEVEL_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.METRICS_RECORDING_LEVEL_DOC;
import static dev.runnel.clients.CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_DOC;
import static dev.runnel.clients.CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.METRIC_REPORTER_CLASSES_DOC;
import static dev.runnel.clients.CommonClientConfigs.RECEIVE_BUFFER_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.RECEIVE_BUFFER_DOC;
import static dev.runnel.clients.CommonClientConfigs.RECEIVE_BUFFER_LOWER_BOUND;
import static dev.runnel.clients.CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_DOC;
import static dev.runnel.clients.CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.RECONNECT_BACKOFF_MS_DOC;
import static dev.runnel.clients.CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.REQUEST_TIMEOUT_MS_DOC;
import static dev.runnel.clients.CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.RETRY_BACKOFF_MAX_MS_DOC;
import static dev.runnel.clients.CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.RETRY_BACKOFF_MS_DOC;
import static dev.runnel.clients.CommonClientConfigs.SECURITY_PROTOCOL_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.SECURITY_PROTOCOL_DOC;
import static dev.runnel.clients.CommonClientConfigs.SEND_BUFFER_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.SEND_BUFFER_DOC;
import static dev.runnel.clients.CommonClientConfigs.SEND_BUFFER_LOWER_BOUND;
import static dev.runnel.clients.CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_DOC;
import static dev.runnel.clients.CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG;
import static dev.runnel.clients.CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_DOC;

import dev.runnel.common.config.AbstractConfig;
import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.ConfigDef.CaseInsensitiveValidString;
import dev.runnel.common.config.ConfigDef.Importance;
import dev.runnel.common.config.ConfigDef.Range;
import dev.runnel.common.config.ConfigDef.Type;
import dev.runnel.common.config.ConfigDef.ValidList;
import dev.runnel.common.config.ConfigDef.ValidString;
import dev.runnel.common.config.SaslConfigs;
import dev.runnel.common.config.SecurityConfig;
import dev.runnel.common.config.SslConfigs;
import dev.runnel.common.metrics.JmxReporter;
import dev.runnel.log.RunnelLogConfig;
import java.util.List;

/**
 * The definitions the producer, consumer and admin client share: how they would reach brokers (accepted, checked as
 * Kafka checks them, unused by the embedded log), their metrics, security ({@link SslConfigs}, {@link SaslConfigs})
 * and config providers. Each client adds its own keys; the three defaults that differ between Kafka's clients are
 * parameters.
 */
public final class ClientConfigDefinitions {
    private ClientConfigDefinitions() {
    }

    /**
     * Defines the shared keys on {@code def}.
     *
     * @param receiveBufferBytes    the default of {@code receive.buffer.bytes} (Kafka's producer 32 KiB, else 64 KiB)
     * @param connectionsMaxIdleMs  the default of {@code connections.max.idle.ms} (Kafka's admin client 5 minutes,
     *                              else 9)
     * @param enableMetricsPush     the default of {@code enable.metrics.push} (false for Kafka's admin client)
     */
    public static ConfigDef defineCommon(ConfigDef def, int receiveBufferBytes, long connectionsMaxIdleMs,
                                         boolean enableMetricsPush) {
        def.define(RunnelLogConfig.LOG_DIR_CONFIG, Type.STRING, null, Importance.HIGH,
                "Runnel: the embedded log's data folder; runnel-data when not set.")
            // Runnel differs from Kafka here: the embedded log needs no broker, so bootstrap.servers may be left out.
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, List.of(), ValidList.anyNonDuplicateValues(true, false),
                Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(CLIENT_DNS_LOOKUP_CONFIG, Type.STRING, "use_all_dns_ips",
                ValidString.in("use_all_dns_ips", "resolve_canonical_bootstrap_servers_only"), Importance.MEDIUM,
                CLIENT_DNS_LOOKUP_DOC)
            .define(METADATA_MAX_AGE_CONFIG, Type.LONG, 300_000L, Range.atLeast(0), Importance.LOW,
                METADATA_MAX_AGE_DOC)
            .define(SEND_BUFFER_CONFIG, Type.INT, 128 * 1024, Range.atLeast(SEND_BUFFER_LOWER_BOUND),
                Importance.MEDIUM, SEND_BUFFER_DOC)
            .define(RECEIVE_BUFFER_CONFIG, Type.INT, receiveBufferBytes, Range.atLeast(RECEIVE_BUFFER_LOWER_BOUND),
                Importance.MEDIUM, RECEIVE_BUFFER_DOC)
            .define(RECONNECT_BACKOFF_MS_CONFIG, Type.LONG, 50L, Range.atLeast(0), Importance.LOW,
                RECONNECT_BACKOFF_MS_DOC)
            .define(RECONNECT_BACKOFF_MAX_MS_CONFIG, Type.LONG, 1000L, Range.atLeast(0), Importance.LOW,
                RECONNECT_BACKOFF_MAX_MS_DOC)
            .define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, DEFAULT_RETRY_BACKOFF_MS, Range.atLeast(0), Importance.LOW,
                RETRY_BACKOFF_MS_DOC)
            .define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, DEFAULT_RETRY_BACKOFF_MAX_MS, Range.atLeast(0),
                Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC)
            .define(ENABLE_METRICS_PUSH_CONFIG, Type.BOOLEAN, enableMetricsPush, Importance.LOW,
                ENABLE_METRICS_PUSH_DOC)
            .define(REQUEST_TIMEOUT_MS_CONFIG, Type.INT, 30_000, Range.atLeast(0), Importance.MEDIUM,
                REQUEST_TIMEOUT_MS_DOC)
            .define(SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Type.LONG, DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MS,
                Importance.MEDIUM, SOCKET_CONNECTION_SETUP_TIMEOUT_MS_DOC)
            .define(SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Type.LONG,
                DEFAULT_SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS, Importance.MEDIUM,
                SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_DOC)
            .define(CONNECTIONS_MAX_IDLE_MS_CONFIG, Type.LONG, connectionsMaxIdleMs, Importance.MEDIUM,
                CONNECTIONS_MAX_IDLE_MS_DOC)
            .define(METADATA_RECOVERY_STRATEGY_CONFIG, Type.STRING, DEFAULT_METADATA_RECOVERY_STRATEGY,
                CaseInsensitiveValidString.in("REBOOTSTRAP", "NONE"), Importance.LOW, METADATA_RECOVERY_STRATEGY_DOC)
            .define(METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG, Type.LONG,
                DEFAULT_METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS, Range.atLeast(0), Importance.LOW,
                METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_DOC)
            .define(AbstractConfig.CONFIG_PROVIDERS_CONFIG, Type.LIST, List.of(),
                ValidList.anyNonDuplicateValues(true, false), Importance.LOW, AbstractConfig.CONFIG_PROVIDERS_DOC);
        defineMetrics(def);
        return defineSecurity(def);
    }

    private static void defineMetrics(ConfigDef def) {
        def.define(METRICS_SAMPLE_WINDOW_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                METRICS_SAMPLE_WINDOW_MS_DOC)
            .define(METRICS_NUM_SAMPLES_CONFIG, Type.INT, 2, Range.atLeast(1), Importance.LOW, METRICS_NUM_SAMPLES_DOC)
            .define(METRICS_RECORDING_LEVEL_CONFIG, Type.STRING, "INFO", ValidString.in("INFO", "DEBUG", "TRACE"),
                Importance.LOW, METRICS_RECORDING_LEVEL_DOC)
            .define(METRIC_REPORTER_CLASSES_CONFIG, Type.LIST, List.of(JmxReporter.class.getName()),
                ValidList.anyNonDuplicateValues(true, false), Importance.LOW, METRIC_REPORTER_CLASSES_DOC);
    }

    private static ConfigDef defineSecurity(ConfigDef def) {
        // The order of the protocols is Kafka's, so that a bad value's message lists them as Kafka's does.
        def.define(SECURITY_PROTOCOL_CONFIG, Type.STRING, DEFAULT_SECURITY_PROTOCOL,
                CaseInsensitiveValidString.in("SASL_SSL", "PLAINTEXT", "SSL", "SASL_PLAINTEXT"), Importance.MEDIUM,
                SECURITY_PROTOCOL_DOC)
            .define(SecurityConfig.SECURITY_PROVIDERS_CONFIG, Type.STRING, null, Importance.LOW,
                SecurityConfig.SECURITY_PROVIDERS_DOC);
        SslConfigs.addClientSslSupport(def);
        SaslConfigs.addClientSaslSupport(def);
        return def;
    }
}
