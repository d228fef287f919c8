package dev.runnel.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.CommonClientConfigs;
import dev.runnel.common.KafkaException;
import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.config.SaslConfigs;
import dev.runnel.common.config.SecurityConfig;
import dev.runnel.common.config.SslConfigs;
import dev.runnel.common.metrics.JmxReporter;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.testing.Configs;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@link ProducerConfig} as Kafka's: Kafka's definitions, defaults and messages, and the checks made after parsing.
 * The expected messages are those of Kafka's validators: "Value must be at least N" for a range, "String must be one
 * of: ..." listing a ValidString's values in the order they are defined.
 */
class ProducerConfigTest {
    private static Map<String, Object> configs(Object... keyValues) {
        return Configs.with(Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()), keyValues);
    }

    private static String rejection(Object... keyValues) {
        return assertThrows(ConfigException.class, () -> new ProducerConfig(configs(keyValues))).getMessage();
    }

    @Test
    void shouldGiveKafkasDefaults() {
        ProducerConfig config = new ProducerConfig(configs());

        assertEquals("-1", config.getString(ProducerConfig.ACKS_CONFIG), "acks=all reads as -1, as in Kafka");
        assertEquals(5L, config.getLong(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals(16_384, config.getInt(ProducerConfig.BATCH_SIZE_CONFIG));
        assertEquals(32L * 1024 * 1024, config.getLong(ProducerConfig.BUFFER_MEMORY_CONFIG));
        assertEquals("none", config.getString(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals(Integer.MAX_VALUE, config.getInt(ProducerConfig.RETRIES_CONFIG));
        assertEquals(120_000, config.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        assertEquals(5, config.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
        assertTrue(config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals(List.of(JmxReporter.class.getName()),
            config.getList(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG));
        assertEquals(30_000L, config.getLong(ProducerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG));
        assertEquals(2, config.getInt(ProducerConfig.METRICS_NUM_SAMPLES_CONFIG));
        assertEquals("INFO", config.getString(ProducerConfig.METRICS_RECORDING_LEVEL_CONFIG));
        assertEquals("PLAINTEXT", config.getString("security.protocol"));
        assertEquals(StringSerializer.class, config.getClass(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG));
        assertEquals(List.of(), config.getList(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG),
            "Runnel's embedded producer needs no broker, so bootstrap.servers may be left out");
    }

    @Test
    void shouldNameAProducerWithoutClientIdAfterItsTransactionalIdOrASequence() {
        assertTrue(new ProducerConfig(configs()).getString(ProducerConfig.CLIENT_ID_CONFIG).matches("producer-\\d+"));
        assertEquals("producer-orders", new ProducerConfig(configs(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "orders"))
            .getString(ProducerConfig.CLIENT_ID_CONFIG));
        assertEquals("p1", new ProducerConfig(configs(ProducerConfig.CLIENT_ID_CONFIG, "p1"))
            .getString(ProducerConfig.CLIENT_ID_CONFIG));
    }

    @Test
    void shouldRejectBadValuesNamingTheKeyTheValueAndWhy() {
        assertEquals("Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1",
            rejection(ProducerConfig.ACKS_CONFIG, "2"));
        assertEquals("Invalid value brotli for configuration compression.type: String must be one of: none, gzip, "
            + "snappy, lz4, zstd", rejection(ProducerConfig.COMPRESSION_TYPE_CONFIG, "brotli"));
        assertEquals("Invalid value GZIP for configuration compression.type: String must be one of: none, gzip, "
            + "snappy, lz4, zstd", rejection(ProducerConfig.COMPRESSION_TYPE_CONFIG, "GZIP"), "case matters");
        assertEquals("Invalid value -1 for configuration linger.ms: Value must be at least 0",
            rejection(ProducerConfig.LINGER_MS_CONFIG, "-1"));
        assertEquals("Invalid value x for configuration batch.size: Not a number of type INT",
            rejection(ProducerConfig.BATCH_SIZE_CONFIG, "x"));
        assertEquals("Invalid value 0 for configuration compression.gzip.level: Value must be between 1 and 9 or "
            + "equal to -1", rejection(ProducerConfig.COMPRESSION_GZIP_LEVEL_CONFIG, 0));
        assertEquals("Invalid value  for configuration transactional.id: String must be non-empty",
            rejection(ProducerConfig.TRANSACTIONAL_ID_CONFIG, ""));
        assertEquals("Invalid value debug for configuration metrics.recording.level: String must be one of: INFO, "
            + "DEBUG, TRACE", rejection(ProducerConfig.METRICS_RECORDING_LEVEL_CONFIG, "debug"));
        assertEquals("Invalid value TLS for configuration security.protocol: String must be one of (case "
            + "insensitive): SASL_SSL, PLAINTEXT, SSL, SASL_PLAINTEXT", rejection("security.protocol", "TLS"));
        assertEquals("Missing required configuration \"key.serializer\" which has no default value.",
            assertThrows(ConfigException.class, () -> new ProducerConfig(Map.of(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))).getMessage());
    }

    @Test
    void shouldTurnIdempotenceOffWhereASettingRulesItOutUnlessItWasAskedFor() {
        // Not asked for: acks 1, no retries or more than 5 requests in flight turn it off.
        assertFalse(new ProducerConfig(configs(ProducerConfig.ACKS_CONFIG, "1"))
            .getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertFalse(new ProducerConfig(configs(ProducerConfig.RETRIES_CONFIG, 0))
            .getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertFalse(new ProducerConfig(configs(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 6))
            .getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        // Asked for: the same settings are errors.
        assertEquals("Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee "
            + "idempotence.", rejection(ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true));
        assertEquals("Must set retries to non-zero when using the idempotent producer.",
            rejection(ProducerConfig.RETRIES_CONFIG, 0, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"));
        assertEquals("To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most "
            + "5. Current value is 6.", rejection(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 6,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        // A transactional id needs idempotence, whether it was turned off or ruled out.
        assertEquals("Cannot set a transactional.id without also enabling idempotence.",
            rejection(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "t", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false));
        assertEquals("Cannot set a transactional.id without also enabling idempotence.",
            rejection(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "t", ProducerConfig.ACKS_CONFIG, "1"));
    }

    @Test
    void shouldKeepKeysItDoesNotDefineInTheOriginalsAndAcceptKeysRunnelIgnores() {
        Properties props = new Properties();
        props.putAll(configs("app.region", "eu", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
            "ssl.truststore.location", "/etc/truststore.jks", ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            "a:9092,b:9092"));
        ProducerConfig config = new ProducerConfig(props);

        assertTrue(config.unused().contains("app.region"));
        assertFalse(config.values().containsKey("app.region"));
        assertEquals("eu", config.originals().get("app.region"), "read through originals(), it counts as used");
        assertEquals(List.of("a:9092", "b:9092"), config.getList(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("/etc/truststore.jks", config.getString("ssl.truststore.location"));
    }

    @Test
    void shouldAcceptKafkasSecurityConfigsByTheirConstantsAndCheckThem() {
        ProducerConfig config = new ProducerConfig(configs(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "sasl_ssl",
            SaslConfigs.SASL_MECHANISM, "PLAIN", SaslConfigs.SASL_JAAS_CONFIG, "PlainLoginModule required;",
            SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/truststore.jks", SecurityConfig.SECURITY_PROVIDERS_CONFIG,
            "com.example.Provider"));

        assertEquals("sasl_ssl", config.getString(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG), "in any case");
        assertEquals("PLAIN", config.getString(SaslConfigs.SASL_MECHANISM));
        assertEquals("[hidden]", config.getPassword(SaslConfigs.SASL_JAAS_CONFIG).toString());
        assertEquals("/etc/truststore.jks", config.getString(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG));
        assertEquals(SslConfigs.DEFAULT_SSL_TRUSTSTORE_TYPE, config.getString(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG));
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), config.getList(SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG));
        assertEquals(SaslConfigs.DEFAULT_LOGIN_REFRESH_BUFFER_SECONDS,
            config.getShort(SaslConfigs.SASL_LOGIN_REFRESH_BUFFER_SECONDS));
        // Kafka's Range on the refresh window factor, [0.5,...,1.0].
        assertEquals("Invalid value 2.0 for configuration sasl.login.refresh.window.factor: Value must be no more "
            + "than 1.0", rejection(SaslConfigs.SASL_LOGIN_REFRESH_WINDOW_FACTOR, "2"));

        ConfigDef own = new ConfigDef();
        SslConfigs.addClientSslSupport(own);
        SaslConfigs.addClientSaslSupport(own);
        assertTrue(own.names().containsAll(List.of(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG,
            SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL)));
    }

    @Test
    void shouldListEveryKeyKafkasProducerDefines() {
        for (String key : List.of("acks", "linger.ms", "max.in.flight.requests.per.connection", "delivery.timeout.ms",
            "partitioner.ignore.keys", "compression.zstd.level", "transaction.two.phase.commit.enable",
            "metadata.max.idle.ms", "client.dns.lookup", "sasl.jaas.config", "ssl.keystore.password",
            "metric.reporters", "config.providers", "security.providers", "metadata.recovery.strategy")) {
            assertTrue(ProducerConfig.configNames().contains(key), key);
            assertTrue(ProducerConfig.configDef().toHtml().contains(key), key);
        }
        assertTrue(ProducerConfig.configNames().contains(ProducerConfig.LOG_DIR_CONFIG), "and Runnel's log.dir");
    }

    @Test
    void shouldRejectABadConfigWhenAProducerIsCreated() {
        // Checked before the log opens, so no log.dir is needed.
        ConfigException error = assertThrows(ConfigException.class, () -> new KafkaProducer<>(
            Map.of(ProducerConfig.ACKS_CONFIG, "2"), new StringSerializer(), new StringSerializer()));
        assertEquals("Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1",
            error.getMessage());
        error = assertThrows(ConfigException.class, () -> new KafkaProducer<>(
            Map.of(ProducerConfig.LINGER_MS_CONFIG, -5), new StringSerializer(), new StringSerializer()));
        assertEquals("Invalid value -5 for configuration linger.ms: Value must be at least 0", error.getMessage());
        error = assertThrows(ConfigException.class, () -> new KafkaProducer<>(
            Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, ""), new StringSerializer(), new StringSerializer()));
        assertEquals("Invalid value  for configuration transactional.id: String must be non-empty",
            error.getMessage());
        error = assertThrows(ConfigException.class, () -> new KafkaProducer<>(
            Map.of(ProducerConfig.METRICS_NUM_SAMPLES_CONFIG, 0), new StringSerializer(), new StringSerializer()));
        assertEquals("Invalid value 0 for configuration metrics.num.samples: Value must be at least 1",
            error.getMessage());
        error = assertThrows(ConfigException.class, () -> new KafkaProducer<String, String>(Map.of()));
        assertEquals("Missing required configuration \"key.serializer\" which has no default value.",
            error.getMessage());
        // As Kafka's producer, which checks it after parsing: 10 ms is below linger.ms 5 + request.timeout.ms 30000.
        KafkaException construction = assertThrows(KafkaException.class, () -> new KafkaProducer<>(
            Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10), new StringSerializer(), new StringSerializer()));
        assertEquals("Failed to construct kafka producer", construction.getMessage());
        assertEquals("delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms",
            construction.getCause().getMessage());
    }
}
