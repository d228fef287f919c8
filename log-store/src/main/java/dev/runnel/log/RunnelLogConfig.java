package dev.runnel.log;

import dev.runnel.common.config.internals.ConfigReader;
import dev.runnel.common.config.ConfigException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of an embedded log as a whole (Kafka's broker-level names), parsed once from a config map.
 *
 * @param dataDir                  {@code log.dir}: the folder that holds every topic; one process owns it at a time
 * @param retentionCheckIntervalMs {@code log.retention.check.interval.ms}: how often retention runs (Kafka: 5 min)
 * @param cleanerBackoffMs         {@code log.cleaner.backoff.ms}: how often the compactor looks for dirty logs (15 s)
 * @param defaultPartitions        {@code num.partitions}: partitions of an auto-created topic (1)
 * @param autoCreateTopics         {@code auto.create.topics.enable}: whether producing to or fetching from an unknown
 *                                 topic creates it. Off by default, unlike Kafka's broker, so that a typo in a topic
 *                                 name is an error rather than a new topic.
 * @param transactionCleanupIntervalMs {@code transaction.abort.timed.out.transaction.cleanup.interval.ms}: how often
 *                                 transactions open longer than their timeout are looked for and aborted (10 s)
 * @param offsetMetadataMaxBytes   {@code offset.metadata.max.bytes}: the longest metadata a committed offset may
 *                                 carry, in characters as Kafka counts them (4096)
 */
public record RunnelLogConfig(Path dataDir, long retentionCheckIntervalMs, long cleanerBackoffMs,
                              int defaultPartitions, boolean autoCreateTopics, long transactionCleanupIntervalMs,
                              int offsetMetadataMaxBytes) {
    public static final String LOG_DIR_CONFIG = "log.dir";
    public static final String RETENTION_CHECK_INTERVAL_MS_CONFIG = "log.retention.check.interval.ms";
    public static final String CLEANER_BACKOFF_MS_CONFIG = "log.cleaner.backoff.ms";
    public static final String NUM_PARTITIONS_CONFIG = "num.partitions";
    public static final String AUTO_CREATE_TOPICS_ENABLE_CONFIG = "auto.create.topics.enable";
    public static final String TRANSACTION_CLEANUP_INTERVAL_MS_CONFIG =
        "transaction.abort.timed.out.transaction.cleanup.interval.ms";
    public static final long DEFAULT_TRANSACTION_CLEANUP_INTERVAL_MS = 10_000;
    public static final String OFFSET_METADATA_MAX_BYTES_CONFIG = "offset.metadata.max.bytes";
    public static final int DEFAULT_OFFSET_METADATA_MAX_BYTES = 4096;

    public static final String DEFAULT_LOG_DIR = "runnel-data";
    public static final long DEFAULT_RETENTION_CHECK_INTERVAL_MS = 300_000;
    public static final long DEFAULT_CLEANER_BACKOFF_MS = 15_000;

    public RunnelLogConfig {
        if (transactionCleanupIntervalMs < 1) {
            throw new ConfigException(TRANSACTION_CLEANUP_INTERVAL_MS_CONFIG + " must be at least 1, got "
                + transactionCleanupIntervalMs);
        }
        if (retentionCheckIntervalMs < 1 || cleanerBackoffMs < 1 || defaultPartitions < 1) {
            throw new ConfigException(String.format(Locale.ROOT,
                "%s, %s and %s must be at least 1, got %d, %d and %d", RETENTION_CHECK_INTERVAL_MS_CONFIG,
                CLEANER_BACKOFF_MS_CONFIG, NUM_PARTITIONS_CONFIG, retentionCheckIntervalMs, cleanerBackoffMs,
                defaultPartitions));
        }
    }

    /** The defaults for a log in {@code dataDir}. */
    public static RunnelLogConfig of(Path dataDir) {
        return new RunnelLogConfig(dataDir, DEFAULT_RETENTION_CHECK_INTERVAL_MS, DEFAULT_CLEANER_BACKOFF_MS, 1, false,
            DEFAULT_TRANSACTION_CLEANUP_INTERVAL_MS, DEFAULT_OFFSET_METADATA_MAX_BYTES);
    }

    /** Reads the keys above from a client or command-line config map; other keys are ignored. */
    public static RunnelLogConfig parse(Map<String, ?> configs) {
        ConfigReader reader = new ConfigReader(configs);
        return new RunnelLogConfig(Path.of(reader.string(LOG_DIR_CONFIG, DEFAULT_LOG_DIR)),
            reader.longValue(RETENTION_CHECK_INTERVAL_MS_CONFIG, DEFAULT_RETENTION_CHECK_INTERVAL_MS, 1,
                Long.MAX_VALUE),
            reader.longValue(CLEANER_BACKOFF_MS_CONFIG, DEFAULT_CLEANER_BACKOFF_MS, 1, Long.MAX_VALUE),
            reader.intValue(NUM_PARTITIONS_CONFIG, 1, 1, Integer.MAX_VALUE),
            reader.bool(AUTO_CREATE_TOPICS_ENABLE_CONFIG, false),
            reader.longValue(TRANSACTION_CLEANUP_INTERVAL_MS_CONFIG, DEFAULT_TRANSACTION_CLEANUP_INTERVAL_MS, 1,
                Long.MAX_VALUE),
            reader.intValue(OFFSET_METADATA_MAX_BYTES_CONFIG, DEFAULT_OFFSET_METADATA_MAX_BYTES, 0,
                Integer.MAX_VALUE));
    }
}
