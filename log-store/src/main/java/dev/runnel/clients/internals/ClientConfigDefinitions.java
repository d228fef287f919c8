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
import dev.runnel.common.metrics.JmxReporter;
import java.util.List;

/**
 * The definitions the producer, consumer and admin client share: how they would reach brokers (accepted, checked as
 * Kafka checks them, unused by the embedded log), their metrics, security and config providers. Each client adds its
 * own keys; the three defaults that differ between Kafka's clients are parameters.
 */
public final class ClientConfigDefinitions {
    private static final String SSL_DOC = "An SSL setting for connections to brokers. The embedded log has no"
        + " network: accepted and unused.";
    private static final String SASL_DOC = "A SASL authentication setting for connections to brokers. The embedded"
        + " log has no network: accepted and unused.";
    private static final String SECURITY_PROVIDERS_DOC = "Classes that register security algorithms with the JVM;"
        + " unused.";

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
        // Runnel differs from Kafka here: the embedded log needs no broker, so bootstrap.servers may be left out.
        def.define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, List.of(), ValidList.anyNonDuplicateValues(true, false),
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
        return def.define(SECURITY_PROTOCOL_CONFIG, Type.STRING, DEFAULT_SECURITY_PROTOCOL,
                CaseInsensitiveValidString.in("SASL_SSL", "PLAINTEXT", "SSL", "SASL_PLAINTEXT"), Importance.MEDIUM,
                SECURITY_PROTOCOL_DOC)
            .define("security.providers", Type.STRING, null, null, Importance.LOW, SECURITY_PROVIDERS_DOC)
            .define("ssl.protocol", Type.STRING, "TLSv1.3", null, Importance.MEDIUM, SSL_DOC)
            .define("ssl.provider", Type.STRING, null, null, Importance.MEDIUM, SSL_DOC)
            .define("ssl.cipher.suites", Type.LIST, List.of(),
                ValidList.anyNonDuplicateValues(true, false), Importance.LOW, SSL_DOC)
            .define("ssl.enabled.protocols", Type.LIST, List.of("TLSv1.2", "TLSv1.3"),
                ValidList.anyNonDuplicateValues(true, false), Importance.MEDIUM, SSL_DOC)
            .define("ssl.keystore.type", Type.STRING, "JKS", null, Importance.MEDIUM, SSL_DOC)
            .define("ssl.keystore.location", Type.STRING, null, null, Importance.HIGH, SSL_DOC)
            .define("ssl.keystore.password", Type.PASSWORD, null, null, Importance.HIGH, SSL_DOC)
            .define("ssl.key.password", Type.PASSWORD, null, null, Importance.HIGH, SSL_DOC)
            .define("ssl.keystore.key", Type.PASSWORD, null, null, Importance.HIGH, SSL_DOC)
            .define("ssl.keystore.certificate.chain", Type.PASSWORD, null, null, Importance.HIGH, SSL_DOC)
            .define("ssl.truststore.certificates", Type.PASSWORD, null, null, Importance.HIGH, SSL_DOC)
            .define("ssl.truststore.type", Type.STRING, "JKS", null, Importance.MEDIUM, SSL_DOC)
            .define("ssl.truststore.location", Type.STRING, null, null, Importance.HIGH, SSL_DOC)
            .define("ssl.truststore.password", Type.PASSWORD, null, null, Importance.HIGH, SSL_DOC)
            .define("ssl.keymanager.algorithm", Type.STRING, "SunX509", null, Importance.LOW, SSL_DOC)
            .define("ssl.trustmanager.algorithm", Type.STRING, "PKIX", null, Importance.LOW, SSL_DOC)
            .define("ssl.endpoint.identification.algorithm", Type.STRING, "https", null, Importance.LOW, SSL_DOC)
            .define("ssl.secure.random.implementation", Type.STRING, null, null, Importance.LOW, SSL_DOC)
            .define("ssl.engine.factory.class", Type.CLASS, null, null, Importance.LOW, SSL_DOC)
            .define("sasl.kerberos.service.name", Type.STRING, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.kerberos.kinit.cmd", Type.STRING, "/usr/bin/kinit", null, Importance.LOW, SASL_DOC)
            .define("sasl.kerberos.ticket.renew.window.factor", Type.DOUBLE, 0.8, null, Importance.LOW, SASL_DOC)
            .define("sasl.kerberos.ticket.renew.jitter", Type.DOUBLE, 0.05, null, Importance.LOW, SASL_DOC)
            .define("sasl.kerberos.min.time.before.relogin", Type.LONG, 60000L, null, Importance.LOW, SASL_DOC)
            .define("sasl.login.refresh.window.factor", Type.DOUBLE, 0.8,
                Range.between(0.5, 1.0), Importance.LOW, SASL_DOC)
            .define("sasl.login.refresh.window.jitter", Type.DOUBLE, 0.05,
                Range.between(0.0, 0.25), Importance.LOW, SASL_DOC)
            .define("sasl.login.refresh.min.period.seconds", Type.SHORT, (short) 60,
                Range.between(0, 900), Importance.LOW, SASL_DOC)
            .define("sasl.login.refresh.buffer.seconds", Type.SHORT, (short) 300,
                Range.between(0, 3600), Importance.LOW, SASL_DOC)
            .define("sasl.mechanism", Type.STRING, "GSSAPI", null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.jaas.config", Type.PASSWORD, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.client.callback.handler.class", Type.CLASS, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.login.callback.handler.class", Type.CLASS, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.login.class", Type.CLASS, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.login.connect.timeout.ms", Type.INT, null, null, Importance.LOW, SASL_DOC)
            .define("sasl.login.read.timeout.ms", Type.INT, null, null, Importance.LOW, SASL_DOC)
            .define("sasl.login.retry.backoff.max.ms", Type.LONG, 10000L, null, Importance.LOW, SASL_DOC)
            .define("sasl.login.retry.backoff.ms", Type.LONG, 100L, null, Importance.LOW, SASL_DOC)
            // Kafka defaults these two to its own OAuth classes, which Runnel does not have.
            .define("sasl.oauthbearer.jwt.retriever.class", Type.CLASS, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.jwt.validator.class", Type.CLASS, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.scope", Type.STRING, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.client.credentials.client.id", Type.STRING, null,
                null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.client.credentials.client.secret", Type.PASSWORD, null,
                null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.assertion.algorithm", Type.STRING, "RS256",
                CaseInsensitiveValidString.in("ES256", "RS256"), Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.assertion.claim.aud", Type.STRING, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.assertion.claim.exp.seconds", Type.INT, 300,
                Range.between(0, 86400), Importance.LOW, SASL_DOC)
            .define("sasl.oauthbearer.assertion.claim.iss", Type.STRING, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.assertion.claim.jti.include", Type.BOOLEAN, false,
                null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.assertion.claim.nbf.seconds", Type.INT, 60,
                Range.between(0, 3600), Importance.LOW, SASL_DOC)
            .define("sasl.oauthbearer.assertion.claim.sub", Type.STRING, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.assertion.file", Type.STRING, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.assertion.private.key.file", Type.STRING, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.assertion.private.key.passphrase", Type.PASSWORD, null,
                null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.assertion.template.file", Type.STRING, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.scope.claim.name", Type.STRING, "scope", null, Importance.LOW, SASL_DOC)
            .define("sasl.oauthbearer.sub.claim.name", Type.STRING, "sub", null, Importance.LOW, SASL_DOC)
            .define("sasl.oauthbearer.token.endpoint.url", Type.STRING, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.jwks.endpoint.url", Type.STRING, null, null, Importance.MEDIUM, SASL_DOC)
            .define("sasl.oauthbearer.jwks.endpoint.refresh.ms", Type.LONG, 3600000L, null, Importance.LOW, SASL_DOC)
            .define("sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms", Type.LONG, 10000L,
                null, Importance.LOW, SASL_DOC)
            .define("sasl.oauthbearer.jwks.endpoint.retry.backoff.ms", Type.LONG, 100L, null, Importance.LOW, SASL_DOC)
            .define("sasl.oauthbearer.clock.skew.seconds", Type.INT, 30, null, Importance.LOW, SASL_DOC)
            .define("sasl.oauthbearer.expected.audience", Type.LIST, List.of(),
                ValidList.anyNonDuplicateValues(true, false), Importance.LOW, SASL_DOC)
            .define("sasl.oauthbearer.expected.issuer", Type.STRING, null, null, Importance.LOW, SASL_DOC)
            .define("sasl.oauthbearer.header.urlencode", Type.BOOLEAN, false, null, Importance.LOW, SASL_DOC);
    }
}
