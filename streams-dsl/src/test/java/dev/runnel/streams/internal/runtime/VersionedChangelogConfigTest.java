package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A versioned store's changelog is compacted no sooner than its history retention plus a day, as in Kafka. */
class VersionedChangelogConfigTest {
    private final InternalTopicManager topics = new InternalTopicManager(new StreamsConfig(Map.of(
        StreamsConfig.APPLICATION_ID_CONFIG, "app", StreamsConfig.LOG_DIR_CONFIG, "unused")),
        new DefaultKafkaClientSupplier(), "app-admin");

    @Test
    void shouldCompactVersionedChangelogAfterHistoryRetentionPlusOneDay() {
        StoreBuilder<?> store = Stores.versionedKeyValueStoreBuilder(
            Stores.persistentVersionedKeyValueStore("prices", Duration.ofMinutes(10)), Serdes.String(),
            Serdes.String());

        assertEquals(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms",
            Long.toString(Duration.ofMinutes(10).plusDays(1).toMillis())), topics.changelogConfig(store));
    }

    @Test
    void shouldLetUserChangelogConfigWin() {
        StoreBuilder<?> store = Stores.versionedKeyValueStoreBuilder(
            Stores.persistentVersionedKeyValueStore("prices", Duration.ofMinutes(10)), Serdes.String(),
            Serdes.String()).withLoggingEnabled(Map.of("min.compaction.lag.ms", "5"));

        assertEquals("5", topics.changelogConfig(store).get("min.compaction.lag.ms"));
    }
}
