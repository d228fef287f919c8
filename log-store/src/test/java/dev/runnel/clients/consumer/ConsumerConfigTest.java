package dev.runnel.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.KafkaException;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.errors.InvalidConfigurationException;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.testing.Configs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ConsumerConfig} as Kafka's: Kafka's definitions, defaults and messages, and the checks made after parsing.
 * The expected messages are those of Kafka's validators ("String must be one of: ...", in the order the values are
 * defined) and of its consumer's checks.
 */
class ConsumerConfigTest {
    private static Map<String, Object> configs(Object... keyValues) {
        return Configs.with(Map.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()), keyValues);
    }

    private static String rejection(Object... keyValues) {
        return assertThrows(ConfigException.class, () -> new ConsumerConfig(configs(keyValues))).getMessage();
    }

    @Test
    void shouldGiveKafkasDefaults() {
        ConsumerConfig config = new ConsumerConfig(configs(ConsumerConfig.GROUP_ID_CONFIG, "g"));

        assertEquals("latest", config.getString(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
        assertEquals("read_uncommitted", config.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertEquals("classic", config.getString(ConsumerConfig.GROUP_PROTOCOL_CONFIG));
        assertTrue(config.getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertEquals(500, config.getInt(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertEquals(45_000, config.getInt(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
        assertEquals(3_000, config.getInt(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG));
        assertEquals(300_000, config.getInt(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG));
        assertEquals(50 * 1024 * 1024, config.getInt(ConsumerConfig.FETCH_MAX_BYTES_CONFIG));
        assertEquals(60_000, config.getInt(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG));
        assertEquals(List.of(RangeAssignor.class, CooperativeStickyAssignor.class),
            config.getList(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG));
        assertTrue(config.getString(ConsumerConfig.CLIENT_ID_CONFIG).matches("consumer-g-\\d+"),
            "Kafka names a consumer without client.id consumer-<group.id>-N");
    }

    @Test
    void shouldTurnAutoCommitOffWithoutAGroupAndRefuseItWhenAskedFor() {
        ConsumerConfig config = new ConsumerConfig(configs());
        assertFalse(config.getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertTrue(config.getString(ConsumerConfig.CLIENT_ID_CONFIG).matches("consumer-null-\\d+"),
            "Kafka writes the missing group as null");

        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
            () -> new ConsumerConfig(configs(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true")));
        assertEquals("enable.auto.commit cannot be set to true when default group id (null) is used.",
            error.getMessage());
    }

    @Test
    void shouldRejectBadValuesNamingTheKeyTheValueAndWhy() {
        assertEquals("Invalid value EARLIEST for configuration auto.offset.reset: Invalid value `EARLIEST` for "
            + "configuration auto.offset.reset. The value must be either 'earliest', 'latest', 'none' or of the format "
            + "'by_duration:<PnDTnHnMn.nS.>'.", rejection(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "EARLIEST"));
        assertTrue(rejection(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "by_duration:PT-1H")
            .startsWith("Invalid value by_duration:PT-1H for configuration auto.offset.reset:"), "negative");
        assertEquals("Invalid value READ_COMMITTED for configuration isolation.level: String must be one of: "
            + "read_committed, read_uncommitted", rejection(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "READ_COMMITTED"));
        assertEquals("Invalid value streams for configuration group.protocol: String must be one of (case "
            + "insensitive): CONSUMER, CLASSIC", rejection(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "streams"));
        assertEquals("Invalid value 0 for configuration max.poll.records: Value must be at least 1",
            rejection(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 0));
        assertEquals("Invalid value  for configuration group.instance.id: String must be non-empty",
            rejection(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, ""));
        assertEquals("Invalid value yes for configuration check.crcs: Expected value to be either true or false",
            rejection(ConsumerConfig.CHECK_CRCS_CONFIG, "yes"));
        assertEquals("Missing required configuration \"value.deserializer\" which has no default value.",
            assertThrows(ConfigException.class, () -> new ConsumerConfig(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))).getMessage());
    }

    @Test
    void shouldRefuseTheSettingsAGroupProtocolDoesNotTake() {
        assertEquals("group.remote.assignor cannot be set when group.protocol=CLASSIC",
            rejection(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "uniform"));
        assertEquals("heartbeat.interval.ms, session.timeout.ms cannot be set when group.protocol=CONSUMER",
            rejection(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer", ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                10_000, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000));
        assertEquals("uniform", new ConsumerConfig(configs(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "CONSUMER",
            ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "uniform"))
            .getString(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG));
    }

    @Test
    void shouldKeepKeysItDoesNotDefineInTheOriginalsAndListEveryKeyKafkasConsumerDefines() {
        ConsumerConfig config = new ConsumerConfig(configs("app.region", "eu", "client.rack", "rack-1",
            "allow.auto.create.topics", "false", "auto.offset.reset", "by_duration:P1DT2H"));
        assertTrue(config.unused().contains("app.region"));
        assertEquals("eu", config.originals().get("app.region"));
        assertEquals("by_duration:P1DT2H", config.getString(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));

        for (String key : List.of("fetch.min.bytes", "fetch.max.wait.ms", "exclude.internal.topics", "client.rack",
            "allow.auto.create.topics", "share.acknowledgement.mode", "group.remote.assignor", "ssl.key.password",
            "sasl.mechanism", "metrics.sample.window.ms", "metadata.recovery.rebootstrap.trigger.ms")) {
            assertTrue(ConsumerConfig.configNames().contains(key), key);
        }
        assertTrue(ConsumerConfig.configDef().configKeys().get("internal.throw.on.fetch.stable.offset.unsupported")
            .internalConfig);
    }

    @Test
    void shouldLetASubclassParseWithoutLoggingAsKafkasDoes() {
        class QuietConsumerConfig extends ConsumerConfig {
            QuietConsumerConfig(Map<?, ?> props) {
                super(props, false);
            }
        }
        assertEquals("g", new QuietConsumerConfig(configs(ConsumerConfig.GROUP_ID_CONFIG, "g"))
            .getString(ConsumerConfig.GROUP_ID_CONFIG));
    }

    @Test
    void shouldRejectABadConfigWhenAConsumerIsCreated() {
        // Checked before the log opens, so no log.dir is needed. Runnel took upper case here before.
        ConfigException error = assertThrows(ConfigException.class, () -> new KafkaConsumer<>(
            Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "READ_COMMITTED"), new StringDeserializer(),
            new StringDeserializer()));
        assertEquals("Invalid value READ_COMMITTED for configuration isolation.level: String must be one of: "
            + "read_committed, read_uncommitted", error.getMessage());
        error = assertThrows(ConfigException.class, () -> new KafkaConsumer<>(
            Map.of(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, -1), new StringDeserializer(), new StringDeserializer()));
        assertEquals("Invalid value -1 for configuration fetch.max.bytes: Value must be at least 0",
            error.getMessage());
        error = assertThrows(ConfigException.class, () -> new KafkaConsumer<>(
            Map.of(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "uniform"), new StringDeserializer(),
            new StringDeserializer()));
        assertEquals("group.remote.assignor cannot be set when group.protocol=CLASSIC", error.getMessage());
        error = assertThrows(ConfigException.class, () -> new KafkaConsumer<>(
            Map.of(ConsumerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG, -1L), new StringDeserializer(),
            new StringDeserializer()));
        assertEquals("Invalid value -1 for configuration metrics.sample.window.ms: Value must be at least 0",
            error.getMessage());
        // As Kafka's consumer, which checks it when it builds its group membership: only with a group.
        KafkaException construction = assertThrows(KafkaException.class, () -> new KafkaConsumer<>(
            Map.of(ConsumerConfig.GROUP_ID_CONFIG, "g", ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 10_000), new StringDeserializer(),
            new StringDeserializer()));
        assertEquals("Failed to construct kafka consumer", construction.getMessage());
        assertEquals("Heartbeat must be set lower than the session timeout", construction.getCause().getMessage());
    }
}
