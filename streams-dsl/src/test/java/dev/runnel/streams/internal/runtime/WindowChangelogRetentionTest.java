package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A window store's changelog keeps its data for the store's retention plus
 * {@code windowstore.changelog.additional.retention.ms}.
 */
class WindowChangelogRetentionTest {
    private final StoreBuilder<?> store = Stores.windowStoreBuilder(Stores.persistentWindowStore("clicks",
        Duration.ofMinutes(10), Duration.ofMinutes(1), false), Serdes.String(), Serdes.Long());

    @Test
    void shouldAddOneDayByDefault() {
        assertEquals(Long.toString(Duration.ofMinutes(10).plusDays(1).toMillis()),
            manager(Map.of()).changelogConfig(store).get("retention.ms"));
    }

    @Test
    void shouldAddTheConfiguredAdditionalRetention() {
        Map<String, Object> configs = Map.of(
            StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG, Duration.ofHours(2).toMillis());

        assertEquals(Long.toString(Duration.ofMinutes(10).plusHours(2).toMillis()),
            manager(configs).changelogConfig(store).get("retention.ms"));
    }

    private static InternalTopicManager manager(Map<String, Object> extra) {
        Map<String, Object> configs = new HashMap<>(extra);
        configs.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        return new InternalTopicManager(new StreamsConfig(configs), new DefaultKafkaClientSupplier(), "app-admin");
    }
}
