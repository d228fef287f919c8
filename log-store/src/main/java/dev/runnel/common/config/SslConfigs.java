package dev.runnel.common.config;

import dev.runnel.common.config.ConfigDef.Importance;
import dev.runnel.common.config.ConfigDef.Type;
import dev.runnel.common.config.ConfigDef.ValidList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SSL config keys of Kafka's clients, spelled and defaulted as in Kafka's {@code SslConfigs}, so that an
 * application's {@code props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, ...)} compiles. The embedded log has no
 * network: the clients accept these keys, check them as Kafka does, and use none of them.
 */
public final class SslConfigs {
    public static final String SSL_PROTOCOL_CONFIG = "ssl.protocol";
    public static final String DEFAULT_SSL_PROTOCOL = "TLSv1.3";
    public static final String SSL_PROVIDER_CONFIG = "ssl.provider";
    public static final String SSL_CIPHER_SUITES_CONFIG = "ssl.cipher.suites";
    public static final String SSL_ENABLED_PROTOCOLS_CONFIG = "ssl.enabled.protocols";
    public static final String DEFAULT_SSL_ENABLED_PROTOCOLS = "TLSv1.2,TLSv1.3";
    public static final String SSL_KEYSTORE_TYPE_CONFIG = "ssl.keystore.type";
    public static final String DEFAULT_SSL_KEYSTORE_TYPE = "JKS";
    public static final String SSL_KEYSTORE_KEY_CONFIG = "ssl.keystore.key";
    public static final String SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG = "ssl.keystore.certificate.chain";
    public static final String SSL_TRUSTSTORE_CERTIFICATES_CONFIG = "ssl.truststore.certificates";
    public static final String SSL_KEYSTORE_LOCATION_CONFIG = "ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "ssl.keystore.password";
    public static final String SSL_KEY_PASSWORD_CONFIG = "ssl.key.password";
    public static final String SSL_TRUSTSTORE_TYPE_CONFIG = "ssl.truststore.type";
    public static final String DEFAULT_SSL_TRUSTSTORE_TYPE = "JKS";
    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = "ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "ssl.truststore.password";
    public static final String SSL_KEYMANAGER_ALGORITHM_CONFIG = "ssl.keymanager.algorithm";
    public static final String SSL_TRUSTMANAGER_ALGORITHM_CONFIG = "ssl.trustmanager.algorithm";
    public static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG = "ssl.endpoint.identification.algorithm";
    public static final String DEFAULT_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM = "https";
    public static final String SSL_SECURE_RANDOM_IMPLEMENTATION_CONFIG = "ssl.secure.random.implementation";
    public static final String SSL_ENGINE_FACTORY_CLASS_CONFIG = "ssl.engine.factory.class";
    public static final String DEFAULT_SSL_KEYMANGER_ALGORITHM = KeyManagerFactory.getDefaultAlgorithm();
    public static final String DEFAULT_SSL_TRUSTMANAGER_ALGORITHM = TrustManagerFactory.getDefaultAlgorithm();

    private static final String DOC = "An SSL setting for connections to brokers. The embedded log has no network:"
        + " accepted and unused.";

    private SslConfigs() {
    }

    /** Defines the SSL keys of a client on {@code config}, as Kafka's clients define them. */
    public static void addClientSslSupport(ConfigDef config) {
        config.define(SSL_PROTOCOL_CONFIG, Type.STRING, DEFAULT_SSL_PROTOCOL, null, Importance.MEDIUM, DOC)
            .define(SSL_PROVIDER_CONFIG, Type.STRING, null, null, Importance.MEDIUM, DOC)
            .define(SSL_CIPHER_SUITES_CONFIG, Type.LIST, List.of(), ValidList.anyNonDuplicateValues(true, false),
                Importance.LOW, DOC)
            .define(SSL_ENABLED_PROTOCOLS_CONFIG, Type.LIST, List.of("TLSv1.2", "TLSv1.3"),
                ValidList.anyNonDuplicateValues(true, false), Importance.MEDIUM, DOC)
            .define(SSL_KEYSTORE_TYPE_CONFIG, Type.STRING, DEFAULT_SSL_KEYSTORE_TYPE, null, Importance.MEDIUM, DOC)
            .define(SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, null, null, Importance.HIGH, DOC)
            .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, null, Importance.HIGH, DOC)
            .define(SSL_KEY_PASSWORD_CONFIG, Type.PASSWORD, null, null, Importance.HIGH, DOC)
            .define(SSL_KEYSTORE_KEY_CONFIG, Type.PASSWORD, null, null, Importance.HIGH, DOC)
            .define(SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, Type.PASSWORD, null, null, Importance.HIGH, DOC)
            .define(SSL_TRUSTSTORE_CERTIFICATES_CONFIG, Type.PASSWORD, null, null, Importance.HIGH, DOC)
            .define(SSL_TRUSTSTORE_TYPE_CONFIG, Type.STRING, DEFAULT_SSL_TRUSTSTORE_TYPE, null, Importance.MEDIUM, DOC)
            .define(SSL_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, null, Importance.HIGH, DOC)
            .define(SSL_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, null, Importance.HIGH, DOC)
            .define(SSL_KEYMANAGER_ALGORITHM_CONFIG, Type.STRING, DEFAULT_SSL_KEYMANGER_ALGORITHM, null, Importance.LOW,
                DOC)
            .define(SSL_TRUSTMANAGER_ALGORITHM_CONFIG, Type.STRING, DEFAULT_SSL_TRUSTMANAGER_ALGORITHM, null,
                Importance.LOW, DOC)
            .define(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, Type.STRING,
                DEFAULT_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM, null, Importance.LOW, DOC)
            .define(SSL_SECURE_RANDOM_IMPLEMENTATION_CONFIG, Type.STRING, null, null, Importance.LOW, DOC)
            .define(SSL_ENGINE_FACTORY_CLASS_CONFIG, Type.CLASS, null, null, Importance.LOW, DOC);
    }
}
