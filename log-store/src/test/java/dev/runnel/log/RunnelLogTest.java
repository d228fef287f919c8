package dev.runnel.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidConfigurationException;
import dev.runnel.common.errors.InvalidPartitionsException;
import dev.runnel.common.errors.InvalidTopicException;
import dev.runnel.common.errors.TopicExistsException;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnelLogTest {
    @TempDir
    Path dataDir;

    private final ManualTime time = new ManualTime();

    private RunnelLog open() {
        return RunnelLog.open(RunnelLogConfig.of(dataDir), time);
    }

    private ByteBuffer batch(String key, String value) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 1 << 16);
        builder.append(time.milliseconds(), key == null ? null : key.getBytes(StandardCharsets.UTF_8),
            value.getBytes(StandardCharsets.UTF_8), null);
        ByteBuffer built = builder.build();
        return ByteBuffer.allocate(built.remaining()).put(built).flip();
    }

    @Test
    void shouldKeepTopicsPartitionsAndConfigOverridesAcrossRestarts() {
        try (RunnelLog log = open()) {
            log.createTopic("orders", 3, Map.of("retention.ms", "1000"));
            log.alterTopicConfig("orders", Map.of("segment.bytes", "4096"), List.of("retention.ms"));
            log.addPartitions("orders", 5);
            log.append(new TopicPartition("orders", 4), batch("k", "v"));
        }
        try (RunnelLog log = open()) {
            assertEquals(Set.of("orders"), log.topicNames());
            assertEquals(5, log.partitionCount("orders"));
            assertEquals(Map.of("segment.bytes", "4096"), log.topicConfigOverrides("orders"));
            assertEquals(LogConfig.DEFAULT_RETENTION_MS, log.topicConfig("orders").retentionMs());
            assertEquals(1, log.partition(new TopicPartition("orders", 4)).logEndOffset());
        }
    }

    @Test
    void shouldRefuseBadTopicsWithTheRuleOrTheFix() {
        try (RunnelLog log = open()) {
            log.createTopic("t", 1, Map.of());
            assertThrows(TopicExistsException.class, () -> log.createTopic("t", 1, Map.of()));
            assertTrue(assertThrows(InvalidTopicException.class, () -> log.createTopic("..", 1, Map.of()))
                .getMessage().contains("\"..\""));
            assertTrue(assertThrows(InvalidTopicException.class, () -> log.createTopic("x".repeat(250), 1, Map.of()))
                .getMessage().contains("limit is 249"));
            assertThrows(InvalidPartitionsException.class, () -> log.createTopic("zero", 0, Map.of()));
            assertTrue(assertThrows(InvalidConfigurationException.class,
                () -> log.createTopic("bad", 1, Map.of("retention.ms", "soon"))).getMessage().contains("retention.ms"));
            assertTrue(assertThrows(InvalidPartitionsException.class, () -> log.addPartitions("t", 1))
                .getMessage().contains("cannot be removed"));
            assertTrue(assertThrows(UnknownTopicOrPartitionException.class, () -> log.deleteTopic("nope"))
                .getMessage().contains("runnel topics --create --topic nope"));
            assertFalse(log.topicExists("bad"), "a refused create leaves nothing behind");
        }
    }

    @Test
    void shouldDeleteATopicsDataAndForgetItAfterRestart() {
        try (RunnelLog log = open()) {
            log.createTopic("gone", 2, Map.of());
            log.append(new TopicPartition("gone", 1), batch("k", "v"));
            log.deleteTopic("gone");
            assertFalse(Files.exists(dataDir.resolve("gone-1")));
        }
        try (RunnelLog log = open()) {
            assertEquals(Set.of(), log.topicNames());
            log.createTopic("gone", 1, Map.of());
            assertEquals(0, log.partition(new TopicPartition("gone", 0)).logEndOffset(), "a new topic starts empty");
        }
    }

    @Test
    void shouldRemoveOrphanPartitionFoldersLeftByAnInterruptedCreate() throws Exception {
        try (RunnelLog log = open()) {
            log.createTopic("kept", 1, Map.of());
        }
        Files.createDirectories(dataDir.resolve("half-created-0"));
        try (RunnelLog log = open()) {
            assertEquals(Set.of("kept"), log.topicNames());
        }
        assertFalse(Files.exists(dataDir.resolve("half-created-0")));
    }

    @Test
    void shouldShareOneInstancePerFolderInAProcessAndCloseWithTheLastReference() {
        RunnelLog first = open();
        RunnelLog second = open();
        assertSame(first, second);
        first.close();
        second.createTopic("still-open", 1, Map.of());
        second.close();
        assertTrue(Files.exists(dataDir.resolve(".clean-shutdown")), "the last close shuts down cleanly");
    }

    @Test
    void shouldApplyRetentionInTheMaintenanceCycleWithoutReusingOffsets() {
        try (RunnelLog log = open()) {
            log.createTopic("events", 1, Map.of("retention.ms", "60000", "segment.bytes", "100"));
            TopicPartition tp = new TopicPartition("events", 0);
            for (int i = 0; i < 5; i++) {
                log.append(tp, batch(null, "old-" + i));
            }
            time.sleep(120_000);
            log.append(tp, batch(null, "new"));
            assertTrue(log.runMaintenance() >= 4, "the expired segments are deleted");
            assertEquals(5, log.partition(tp).logStartOffset());
            assertEquals(6, log.append(tp, batch(null, "next")).firstOffset());
        }
    }

    @Test
    void shouldCompactOnlyCompactedTopicsInTheMaintenanceCycle() {
        try (RunnelLog log = open()) {
            log.createTopic("profiles", 1, Map.of("cleanup.policy", "compact", "segment.bytes", "100"));
            TopicPartition tp = new TopicPartition("profiles", 0);
            for (int i = 0; i < 6; i++) {
                log.append(tp, batch("same-key", "v" + i));
            }
            long before = log.partition(tp).sizeInBytes();
            time.sleep(RunnelLogConfig.DEFAULT_CLEANER_BACKOFF_MS);
            assertTrue(log.runMaintenance() > 0);
            assertTrue(log.partition(tp).sizeInBytes() < before, "older values of the key were removed");
        }
    }
}
