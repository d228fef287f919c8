package dev.runnel.common.config;

import dev.runnel.common.config.ConfigDef.CaseInsensitiveValidString;
import dev.runnel.common.config.ConfigDef.Importance;
import dev.runnel.common.config.ConfigDef.Range;
import dev.runnel.common.config.ConfigDef.Type;
import dev.runnel.common.config.ConfigDef.ValidList;
import java.util.List;

/**
 * The SASL config keys of Kafka's clients, spelled and defaulted as in Kafka's {@code SaslConfigs}, so that an
 * application's {@code props.put(SaslConfigs.SASL_JAAS_CONFIG, ...)} compiles. The embedded log has no network: the
 * clients accept these keys, check them as Kafka does, and use none of them. Kafka defaults the OAuth JWT retriever
 * and validator classes to its own, which Runnel does not have, so they default to none here.
 */
public final class SaslConfigs {
    public static final String SASL_MECHANISM = "sasl.mechanism";
    public static final String GSSAPI_MECHANISM = "GSSAPI";
    public static final String DEFAULT_SASL_MECHANISM = "GSSAPI";
    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    public static final String SASL_CLIENT_CALLBACK_HANDLER_CLASS = "sasl.client.callback.handler.class";
    public static final String SASL_LOGIN_CALLBACK_HANDLER_CLASS = "sasl.login.callback.handler.class";
    public static final String SASL_LOGIN_CLASS = "sasl.login.class";
    public static final String SASL_KERBEROS_SERVICE_NAME = "sasl.kerberos.service.name";
    public static final String SASL_KERBEROS_KINIT_CMD = "sasl.kerberos.kinit.cmd";
    public static final String DEFAULT_KERBEROS_KINIT_CMD = "/usr/bin/kinit";
    public static final String SASL_KERBEROS_TICKET_RENEW_WINDOW_FACTOR = "sasl.kerberos.ticket.renew.window.factor";
    public static final double DEFAULT_KERBEROS_TICKET_RENEW_WINDOW_FACTOR = 0.8;
    public static final String SASL_KERBEROS_TICKET_RENEW_JITTER = "sasl.kerberos.ticket.renew.jitter";
    public static final double DEFAULT_KERBEROS_TICKET_RENEW_JITTER = 0.05;
    public static final String SASL_KERBEROS_MIN_TIME_BEFORE_RELOGIN = "sasl.kerberos.min.time.before.relogin";
    public static final long DEFAULT_KERBEROS_MIN_TIME_BEFORE_RELOGIN = 60000L;
    public static final String SASL_LOGIN_REFRESH_WINDOW_FACTOR = "sasl.login.refresh.window.factor";
    public static final double DEFAULT_LOGIN_REFRESH_WINDOW_FACTOR = 0.8;
    public static final String SASL_LOGIN_REFRESH_WINDOW_JITTER = "sasl.login.refresh.window.jitter";
    public static final double DEFAULT_LOGIN_REFRESH_WINDOW_JITTER = 0.05;
    public static final String SASL_LOGIN_REFRESH_MIN_PERIOD_SECONDS = "sasl.login.refresh.min.period.seconds";
    public static final short DEFAULT_LOGIN_REFRESH_MIN_PERIOD_SECONDS = 60;
    public static final String SASL_LOGIN_REFRESH_BUFFER_SECONDS = "sasl.login.refresh.buffer.seconds";
    public static final short DEFAULT_LOGIN_REFRESH_BUFFER_SECONDS = 300;
    public static final String SASL_LOGIN_CONNECT_TIMEOUT_MS = "sasl.login.connect.timeout.ms";
    public static final String SASL_LOGIN_READ_TIMEOUT_MS = "sasl.login.read.timeout.ms";
    public static final String SASL_LOGIN_RETRY_BACKOFF_MAX_MS = "sasl.login.retry.backoff.max.ms";
    public static final long DEFAULT_SASL_LOGIN_RETRY_BACKOFF_MAX_MS = 10000L;
    public static final String SASL_LOGIN_RETRY_BACKOFF_MS = "sasl.login.retry.backoff.ms";
    public static final long DEFAULT_SASL_LOGIN_RETRY_BACKOFF_MS = 100L;
    public static final String SASL_OAUTHBEARER_JWT_RETRIEVER_CLASS = "sasl.oauthbearer.jwt.retriever.class";
    public static final String SASL_OAUTHBEARER_JWT_VALIDATOR_CLASS = "sasl.oauthbearer.jwt.validator.class";
    public static final String SASL_OAUTHBEARER_SCOPE = "sasl.oauthbearer.scope";
    public static final String SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_ID =
        "sasl.oauthbearer.client.credentials.client.id";
    public static final String SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET =
        "sasl.oauthbearer.client.credentials.client.secret";
    public static final String SASL_OAUTHBEARER_ASSERTION_ALGORITHM = "sasl.oauthbearer.assertion.algorithm";
    public static final String DEFAULT_SASL_OAUTHBEARER_ASSERTION_ALGORITHM = "RS256";
    public static final String SASL_OAUTHBEARER_ASSERTION_CLAIM_AUD = "sasl.oauthbearer.assertion.claim.aud";
    public static final String SASL_OAUTHBEARER_ASSERTION_CLAIM_EXP_SECONDS =
        "sasl.oauthbearer.assertion.claim.exp.seconds";
    public static final int DEFAULT_SASL_OAUTHBEARER_ASSERTION_CLAIM_EXP_SECONDS = 300;
    public static final String SASL_OAUTHBEARER_ASSERTION_CLAIM_ISS = "sasl.oauthbearer.assertion.claim.iss";
    public static final String SASL_OAUTHBEARER_ASSERTION_CLAIM_JTI_INCLUDE =
        "sasl.oauthbearer.assertion.claim.jti.include";
    public static final boolean DEFAULT_SASL_OAUTHBEARER_ASSERTION_CLAIM_JTI_INCLUDE = false;
    public static final String SASL_OAUTHBEARER_ASSERTION_CLAIM_NBF_SECONDS =
        "sasl.oauthbearer.assertion.claim.nbf.seconds";
    public static final int DEFAULT_SASL_OAUTHBEARER_ASSERTION_CLAIM_NBF_SECONDS = 60;
    public static final String SASL_OAUTHBEARER_ASSERTION_CLAIM_SUB = "sasl.oauthbearer.assertion.claim.sub";
    public static final String SASL_OAUTHBEARER_ASSERTION_FILE = "sasl.oauthbearer.assertion.file";
    public static final String SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_FILE =
        "sasl.oauthbearer.assertion.private.key.file";
    public static final String SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_PASSPHRASE =
        "sasl.oauthbearer.assertion.private.key.passphrase";
    public static final String SASL_OAUTHBEARER_ASSERTION_TEMPLATE_FILE = "sasl.oauthbearer.assertion.template.file";
    public static final String SASL_OAUTHBEARER_SCOPE_CLAIM_NAME = "sasl.oauthbearer.scope.claim.name";
    public static final String DEFAULT_SASL_OAUTHBEARER_SCOPE_CLAIM_NAME = "scope";
    public static final String SASL_OAUTHBEARER_SUB_CLAIM_NAME = "sasl.oauthbearer.sub.claim.name";
    public static final String DEFAULT_SASL_OAUTHBEARER_SUB_CLAIM_NAME = "sub";
    public static final String SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL = "sasl.oauthbearer.token.endpoint.url";
    public static final String SASL_OAUTHBEARER_JWKS_ENDPOINT_URL = "sasl.oauthbearer.jwks.endpoint.url";
    public static final String SASL_OAUTHBEARER_JWKS_ENDPOINT_REFRESH_MS = "sasl.oauthbearer.jwks.endpoint.refresh.ms";
    public static final long DEFAULT_SASL_OAUTHBEARER_JWKS_ENDPOINT_REFRESH_MS = 3600000L;
    public static final String SASL_OAUTHBEARER_JWKS_ENDPOINT_RETRY_BACKOFF_MAX_MS =
        "sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms";
    public static final long DEFAULT_SASL_OAUTHBEARER_JWKS_ENDPOINT_RETRY_BACKOFF_MAX_MS = 10000L;
    public static final String SASL_OAUTHBEARER_JWKS_ENDPOINT_RETRY_BACKOFF_MS =
        "sasl.oauthbearer.jwks.endpoint.retry.backoff.ms";
    public static final long DEFAULT_SASL_OAUTHBEARER_JWKS_ENDPOINT_RETRY_BACKOFF_MS = 100L;
    public static final String SASL_OAUTHBEARER_CLOCK_SKEW_SECONDS = "sasl.oauthbearer.clock.skew.seconds";
    public static final int DEFAULT_SASL_OAUTHBEARER_CLOCK_SKEW_SECONDS = 30;
    public static final String SASL_OAUTHBEARER_EXPECTED_AUDIENCE = "sasl.oauthbearer.expected.audience";
    public static final String SASL_OAUTHBEARER_EXPECTED_ISSUER = "sasl.oauthbearer.expected.issuer";
    public static final String SASL_OAUTHBEARER_HEADER_URLENCODE = "sasl.oauthbearer.header.urlencode";
    public static final boolean DEFAULT_SASL_OAUTHBEARER_HEADER_URLENCODE = false;
    private static final String DOC = "A SASL authentication setting for connections to brokers. The embedded log"
        + " has no network: accepted and unused.";

    private SaslConfigs() {
    }

    /** Defines the SASL keys of a client on {@code config}, as Kafka's clients define them. */
    public static void addClientSaslSupport(ConfigDef config) {
        config.define(SASL_KERBEROS_SERVICE_NAME, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SASL_KERBEROS_KINIT_CMD, Type.STRING, DEFAULT_KERBEROS_KINIT_CMD, null, Importance.LOW, DOC)
            .define(SASL_KERBEROS_TICKET_RENEW_WINDOW_FACTOR, Type.DOUBLE, DEFAULT_KERBEROS_TICKET_RENEW_WINDOW_FACTOR,
                null, Importance.LOW, DOC)
            .define(SASL_KERBEROS_TICKET_RENEW_JITTER, Type.DOUBLE, DEFAULT_KERBEROS_TICKET_RENEW_JITTER, null,
                Importance.LOW, DOC)
            .define(SASL_KERBEROS_MIN_TIME_BEFORE_RELOGIN, Type.LONG, DEFAULT_KERBEROS_MIN_TIME_BEFORE_RELOGIN, null,
                Importance.LOW, DOC)
            .define(SASL_LOGIN_REFRESH_WINDOW_FACTOR, Type.DOUBLE, DEFAULT_LOGIN_REFRESH_WINDOW_FACTOR,
                Range.between(0.5, 1.0), Importance.LOW, DOC)
            .define(SASL_LOGIN_REFRESH_WINDOW_JITTER, Type.DOUBLE, DEFAULT_LOGIN_REFRESH_WINDOW_JITTER,
                Range.between(0.0, 0.25), Importance.LOW, DOC)
            .define(SASL_LOGIN_REFRESH_MIN_PERIOD_SECONDS, Type.SHORT, DEFAULT_LOGIN_REFRESH_MIN_PERIOD_SECONDS,
                Range.between(0, 900), Importance.LOW, DOC)
            .define(SASL_LOGIN_REFRESH_BUFFER_SECONDS, Type.SHORT, DEFAULT_LOGIN_REFRESH_BUFFER_SECONDS,
                Range.between(0, 3600), Importance.LOW, DOC)
            .define(SASL_MECHANISM, Type.STRING, DEFAULT_SASL_MECHANISM, null, Importance.MEDIUM, DOC)
            .define(SASL_JAAS_CONFIG, Type.PASSWORD, null, null, Importance.MEDIUM, DOC)
            .define(SASL_CLIENT_CALLBACK_HANDLER_CLASS, Type.CLASS, null, null, Importance.MEDIUM, DOC)
            .define(SASL_LOGIN_CALLBACK_HANDLER_CLASS, Type.CLASS, null, null, Importance.MEDIUM, DOC)
            .define(SASL_LOGIN_CLASS, Type.CLASS, null, null, Importance.MEDIUM, DOC)
            .define(SASL_LOGIN_CONNECT_TIMEOUT_MS, Type.INT, null, null, Importance.LOW, DOC)
            .define(SASL_LOGIN_READ_TIMEOUT_MS, Type.INT, null, null, Importance.LOW, DOC)
            .define(SASL_LOGIN_RETRY_BACKOFF_MAX_MS, Type.LONG, DEFAULT_SASL_LOGIN_RETRY_BACKOFF_MAX_MS, null,
                Importance.LOW, DOC)
            .define(SASL_LOGIN_RETRY_BACKOFF_MS, Type.LONG, DEFAULT_SASL_LOGIN_RETRY_BACKOFF_MS, null, Importance.LOW,
                DOC)
            .define(SASL_OAUTHBEARER_JWT_RETRIEVER_CLASS, Type.CLASS, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_JWT_VALIDATOR_CLASS, Type.CLASS, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_SCOPE, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_ID, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET, Type.PASSWORD, null, null, Importance.MEDIUM,
                DOC)
            .define(SASL_OAUTHBEARER_ASSERTION_ALGORITHM, Type.STRING, DEFAULT_SASL_OAUTHBEARER_ASSERTION_ALGORITHM,
                CaseInsensitiveValidString.in("ES256", "RS256"), Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_ASSERTION_CLAIM_AUD, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_ASSERTION_CLAIM_EXP_SECONDS, Type.INT,
                DEFAULT_SASL_OAUTHBEARER_ASSERTION_CLAIM_EXP_SECONDS, Range.between(0, 86400), Importance.LOW, DOC)
            .define(SASL_OAUTHBEARER_ASSERTION_CLAIM_ISS, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_ASSERTION_CLAIM_JTI_INCLUDE, Type.BOOLEAN,
                DEFAULT_SASL_OAUTHBEARER_ASSERTION_CLAIM_JTI_INCLUDE, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_ASSERTION_CLAIM_NBF_SECONDS, Type.INT,
                DEFAULT_SASL_OAUTHBEARER_ASSERTION_CLAIM_NBF_SECONDS, Range.between(0, 3600), Importance.LOW, DOC)
            .define(SASL_OAUTHBEARER_ASSERTION_CLAIM_SUB, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_ASSERTION_FILE, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_FILE, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_PASSPHRASE, Type.PASSWORD, null, null, Importance.MEDIUM,
                DOC)
            .define(SASL_OAUTHBEARER_ASSERTION_TEMPLATE_FILE, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_SCOPE_CLAIM_NAME, Type.STRING, DEFAULT_SASL_OAUTHBEARER_SCOPE_CLAIM_NAME, null,
                Importance.LOW, DOC)
            .define(SASL_OAUTHBEARER_SUB_CLAIM_NAME, Type.STRING, DEFAULT_SASL_OAUTHBEARER_SUB_CLAIM_NAME, null,
                Importance.LOW, DOC)
            .define(SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_JWKS_ENDPOINT_URL, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SASL_OAUTHBEARER_JWKS_ENDPOINT_REFRESH_MS, Type.LONG,
                DEFAULT_SASL_OAUTHBEARER_JWKS_ENDPOINT_REFRESH_MS, null, Importance.LOW, DOC)
            .define(SASL_OAUTHBEARER_JWKS_ENDPOINT_RETRY_BACKOFF_MAX_MS, Type.LONG,
                DEFAULT_SASL_OAUTHBEARER_JWKS_ENDPOINT_RETRY_BACKOFF_MAX_MS, null, Importance.LOW, DOC)
            .define(SASL_OAUTHBEARER_JWKS_ENDPOINT_RETRY_BACKOFF_MS, Type.LONG,
                DEFAULT_SASL_OAUTHBEARER_JWKS_ENDPOINT_RETRY_BACKOFF_MS, null, Importance.LOW, DOC)
            .define(SASL_OAUTHBEARER_CLOCK_SKEW_SECONDS, Type.INT, DEFAULT_SASL_OAUTHBEARER_CLOCK_SKEW_SECONDS, null,
                Importance.LOW, DOC)
            .define(SASL_OAUTHBEARER_EXPECTED_AUDIENCE, Type.LIST, List.of(),
                ValidList.anyNonDuplicateValues(true, false), Importance.LOW, DOC)
            .define(SASL_OAUTHBEARER_EXPECTED_ISSUER, Type.STRING, null, null, Importance.LOW, DOC)
            .define(SASL_OAUTHBEARER_HEADER_URLENCODE, Type.BOOLEAN, DEFAULT_SASL_OAUTHBEARER_HEADER_URLENCODE, null,
                Importance.LOW, DOC);
    }
}
