package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configs of the changelog topics stores get, as Kafka Streams sets them: every changelog keeps the records'
 * CreateTime; a key-value store's is compacted, a window store's also deleted after the retention, and a versioned
 * store's compacted no sooner than its history retention plus a day.
 */
class ChangelogTopicConfigTest {
    private final InternalTopicManager topics = new InternalTopicManager(new StreamsConfig(Map.of(
        StreamsConfig.APPLICATION_ID_CONFIG, "app", StreamsConfig.LOG_DIR_CONFIG, "unused")),
        new DefaultKafkaClientSupplier(), "app-admin");

    @Test
    void shouldCompactVersionedChangelogAfterHistoryRetentionPlusOneDay() {
        StoreBuilder<?> store = Stores.versionedKeyValueStoreBuilder(
            Stores.persistentVersionedKeyValueStore("prices", Duration.ofMinutes(10)), Serdes.String(),
            Serdes.String());

        assertEquals(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms",
            Long.toString(Duration.ofMinutes(10).plusDays(1).toMillis()), "message.timestamp.type", "CreateTime"),
            topics.changelogConfig(store));
    }

    @Test
    void shouldCompactKeyValueChangelogKeepingCreateTime() {
        StoreBuilder<?> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"), Serdes.String(),
            Serdes.Long());

        assertEquals(Map.of("cleanup.policy", "compact", "message.timestamp.type", "CreateTime"),
            topics.changelogConfig(store));
    }

    @Test
    void shouldCompactAndDeleteWindowChangelogKeepingCreateTime() {
        StoreBuilder<?> store = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("windows", Duration.ofHours(1),
            Duration.ofMinutes(1), false), Serdes.String(), Serdes.Long());

        // The retention plus windowstore.changelog.additional.retention.ms (a day by default).
        assertEquals(Map.of("cleanup.policy", "compact,delete", "retention.ms",
            Long.toString(Duration.ofHours(1).plusDays(1).toMillis()), "message.timestamp.type", "CreateTime"),
            topics.changelogConfig(store));
    }

    @Test
    void shouldLetUserTimestampTypeWin() {
        StoreBuilder<?> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"), Serdes.String(),
            Serdes.Long()).withLoggingEnabled(Map.of("message.timestamp.type", "LogAppendTime"));

        assertEquals("LogAppendTime", topics.changelogConfig(store).get("message.timestamp.type"));
    }

    @Test
    void shouldLetUserChangelogConfigWin() {
        StoreBuilder<?> store = Stores.versionedKeyValueStoreBuilder(
            Stores.persistentVersionedKeyValueStore("prices", Duration.ofMinutes(10)), Serdes.String(),
            Serdes.String()).withLoggingEnabled(Map.of("min.compaction.lag.ms", "5"));

        assertEquals("5", topics.changelogConfig(store).get("min.compaction.lag.ms"));
    }
}
