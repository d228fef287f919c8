package dev.runnel.clients.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link AdminClientConfig} as Kafka's: Kafka's definitions, defaults and validators' messages. */
class AdminClientConfigTest {
    @Test
    void shouldGiveKafkasDefaultsAndKeepOtherKeys() {
        AdminClientConfig config = new AdminClientConfig(Map.of("app.region", "eu"));

        assertEquals(Integer.MAX_VALUE, config.getInt(AdminClientConfig.RETRIES_CONFIG));
        assertEquals(60_000, config.getInt(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG));
        assertEquals(30_000, config.getInt(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals(300_000L, config.getLong(AdminClientConfig.CONNECTIONS_MAX_IDLE_MS_CONFIG));
        assertEquals(false, config.getBoolean(AdminClientConfig.ENABLE_METRICS_PUSH_CONFIG));
        assertEquals(List.of(), config.getList(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("", config.getString(AdminClientConfig.CLIENT_ID_CONFIG), "the admin client names itself later");
        assertEquals("eu", config.originals().get("app.region"));
        assertTrue(AdminClientConfig.configNames().containsAll(List.of("bootstrap.controllers", "retry.backoff.max.ms",
            "metadata.recovery.strategy", "security.protocol", "sasl.login.class", "ssl.truststore.type")));
    }

    @Test
    void shouldLetASubclassParseWithoutLoggingAsKafkasDoes() {
        class QuietAdminClientConfig extends AdminClientConfig {
            QuietAdminClientConfig(Map<?, ?> props) {
                super(props, false);
            }
        }
        assertEquals("a1", new QuietAdminClientConfig(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "a1"))
            .getString(AdminClientConfig.CLIENT_ID_CONFIG));
    }

    @Test
    void shouldRejectABadConfigWhenAnAdminClientIsCreated() {
        // Checked before the log opens, so no log.dir is needed.
        ConfigException error = assertThrows(ConfigException.class,
            () -> Admin.create(Map.of(AdminClientConfig.RETRIES_CONFIG, -1)));
        assertEquals("Invalid value -1 for configuration retries: Value must be at least 0", error.getMessage());
        error = assertThrows(ConfigException.class,
            () -> Admin.create(Map.of(AdminClientConfig.METADATA_RECOVERY_STRATEGY_CONFIG, "retry")));
        assertEquals("Invalid value retry for configuration metadata.recovery.strategy: String must be one of (case "
            + "insensitive): REBOOTSTRAP, NONE", error.getMessage());
    }
}
