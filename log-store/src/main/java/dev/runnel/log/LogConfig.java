package dev.runnel.log;

import static dev.runnel.common.config.TopicConfig.CLEANUP_POLICY_COMPACT;
import static dev.runnel.common.config.TopicConfig.CLEANUP_POLICY_CONFIG;
import static dev.runnel.common.config.TopicConfig.CLEANUP_POLICY_DELETE;
import static dev.runnel.common.config.TopicConfig.COMPRESSION_TYPE_CONFIG;
import static dev.runnel.common.config.TopicConfig.DELETE_RETENTION_MS_CONFIG;
import static dev.runnel.common.config.TopicConfig.FILE_DELETE_DELAY_MS_CONFIG;
import static dev.runnel.common.config.TopicConfig.INDEX_INTERVAL_BYTES_CONFIG;
import static dev.runnel.common.config.TopicConfig.MAX_MESSAGE_BYTES_CONFIG;
import static dev.runnel.common.config.TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG;
import static dev.runnel.common.config.TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG;
import static dev.runnel.common.config.TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG;
import static dev.runnel.common.config.TopicConfig.RETENTION_BYTES_CONFIG;
import static dev.runnel.common.config.TopicConfig.RETENTION_MS_CONFIG;
import static dev.runnel.common.config.TopicConfig.SEGMENT_BYTES_CONFIG;
import static dev.runnel.common.config.TopicConfig.SEGMENT_INDEX_BYTES_CONFIG;
import static dev.runnel.common.config.TopicConfig.SEGMENT_MS_CONFIG;

import dev.runnel.common.config.ConfigException;
import dev.runnel.common.config.internals.ConfigReader;
import dev.runnel.common.errors.InvalidConfigurationException;
import dev.runnel.common.record.TimestampType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A topic's validated configs. Parsed once from Kafka-named keys ({@link #parse(Map)}) and passed inward as this
 * immutable record; the defaults below are Kafka's.
 *
 * @param compact             {@code cleanup.policy} contains {@code compact}
 * @param delete              {@code cleanup.policy} contains {@code delete}
 * @param retentionMs         {@code retention.ms}, -1 for unlimited
 * @param retentionBytes      {@code retention.bytes} per partition, -1 for unlimited
 * @param segmentBytes        {@code segment.bytes}: a segment rolls before it would grow past this
 * @param segmentMs           {@code segment.ms}: a segment rolls once its first record is this old
 * @param segmentIndexBytes   {@code segment.index.bytes}: the size of each mapped index file
 * @param indexIntervalBytes  {@code index.interval.bytes}: bytes between two index entries
 * @param maxMessageBytes     {@code max.message.bytes}: the largest batch a partition accepts
 * @param timestampType       {@code message.timestamp.type}
 * @param deleteRetentionMs   {@code delete.retention.ms}: how long a cleaned tombstone stays readable
 * @param minCompactionLagMs  {@code min.compaction.lag.ms}: records younger than this are never compacted
 * @param minCleanableDirtyRatio {@code min.cleanable.dirty.ratio}: the dirty share that triggers cleaning
 * @param fileDeleteDelayMs   {@code file.delete.delay.ms}: how long deleted segment files linger for open readers
 * @param compressionType     {@code compression.type}: {@code producer} keeps what the producer sent
 */
public record LogConfig(
    boolean compact,
    boolean delete,
    long retentionMs,
    long retentionBytes,
    int segmentBytes,
    long segmentMs,
    int segmentIndexBytes,
    int indexIntervalBytes,
    int maxMessageBytes,
    TimestampType timestampType,
    long deleteRetentionMs,
    long minCompactionLagMs,
    double minCleanableDirtyRatio,
    long fileDeleteDelayMs,
    String compressionType) {

    /** Kafka's default: 7 days. */
    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    public static final long DEFAULT_RETENTION_BYTES = -1;
    /** Kafka's default: 1 GiB. */
    public static final int DEFAULT_SEGMENT_BYTES = 1024 * 1024 * 1024;
    public static final long DEFAULT_SEGMENT_MS = 7L * 24 * 60 * 60 * 1000;
    /** Kafka's default: 10 MiB. */
    public static final int DEFAULT_SEGMENT_INDEX_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    /** Kafka's default: 1 MiB plus the 12-byte log overhead. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;
    /** Kafka's default: 1 day. */
    public static final long DEFAULT_DELETE_RETENTION_MS = 24L * 60 * 60 * 1000;
    public static final long DEFAULT_MIN_COMPACTION_LAG_MS = 0;
    public static final double DEFAULT_MIN_CLEANABLE_DIRTY_RATIO = 0.5;
    public static final long DEFAULT_FILE_DELETE_DELAY_MS = 60_000;
    public static final String DEFAULT_COMPRESSION_TYPE = "producer";

    /** Every key a topic accepts. */
    public static final Set<String> KEYS = Set.of(CLEANUP_POLICY_CONFIG, RETENTION_MS_CONFIG, RETENTION_BYTES_CONFIG,
        SEGMENT_BYTES_CONFIG, SEGMENT_MS_CONFIG, SEGMENT_INDEX_BYTES_CONFIG, INDEX_INTERVAL_BYTES_CONFIG,
        MAX_MESSAGE_BYTES_CONFIG, MESSAGE_TIMESTAMP_TYPE_CONFIG, DELETE_RETENTION_MS_CONFIG,
        MIN_COMPACTION_LAG_MS_CONFIG, MIN_CLEANABLE_DIRTY_RATIO_CONFIG, FILE_DELETE_DELAY_MS_CONFIG,
        COMPRESSION_TYPE_CONFIG);

    private static final Set<String> COMPRESSION_VALUES =
        Set.of("producer", "uncompressed", "none", "gzip", "snappy", "lz4", "zstd");

    public static LogConfig defaults() {
        return parse(Map.of());
    }

    public boolean cleanupPolicyIs(String policy) {
        return CLEANUP_POLICY_COMPACT.equals(policy) ? compact : delete;
    }

    /**
     * Parses Kafka-named topic configs over the defaults. Throws {@link InvalidConfigurationException} naming the key,
     * the value and the valid range for a bad value or an unknown key.
     */
    public static LogConfig parse(Map<String, ?> configs) {
        try {
            return read(configs);
        } catch (ConfigException e) {
            // As a broker reports a topic config it refuses to its clients.
            throw new InvalidConfigurationException(e.getMessage(), e);
        }
    }

    private static LogConfig read(Map<String, ?> configs) {
        for (String key : configs.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidConfigurationException("Unknown topic config '" + key + "'; valid keys are "
                    + new TreeSet<>(KEYS));
            }
        }
        ConfigReader p = new ConfigReader(configs);
        String policy = p.string(CLEANUP_POLICY_CONFIG, CLEANUP_POLICY_DELETE).replace(" ", "");
        boolean compact = false;
        boolean delete = false;
        for (String part : policy.split(",")) {
            if (part.equals(CLEANUP_POLICY_COMPACT)) {
                compact = true;
            } else if (part.equals(CLEANUP_POLICY_DELETE)) {
                delete = true;
            } else {
                throw ConfigReader.invalid(CLEANUP_POLICY_CONFIG, policy, "delete, compact or compact,delete");
            }
        }
        String compression = p.string(COMPRESSION_TYPE_CONFIG, DEFAULT_COMPRESSION_TYPE).toLowerCase(Locale.ROOT);
        if (!COMPRESSION_VALUES.contains(compression)) {
            throw ConfigReader.invalid(COMPRESSION_TYPE_CONFIG, compression,
                "producer, uncompressed, gzip, snappy, lz4, zstd");
        }
        TimestampType timestampType;
        try {
            timestampType = TimestampType.forName(p.string(MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(e.getMessage());
        }
        return new LogConfig(compact, delete,
            p.longValue(RETENTION_MS_CONFIG, DEFAULT_RETENTION_MS, -1, Long.MAX_VALUE),
            p.longValue(RETENTION_BYTES_CONFIG, DEFAULT_RETENTION_BYTES, -1, Long.MAX_VALUE),
            p.intValue(SEGMENT_BYTES_CONFIG, DEFAULT_SEGMENT_BYTES, 14, Integer.MAX_VALUE),
            p.longValue(SEGMENT_MS_CONFIG, DEFAULT_SEGMENT_MS, 1, Long.MAX_VALUE),
            p.intValue(SEGMENT_INDEX_BYTES_CONFIG, DEFAULT_SEGMENT_INDEX_BYTES, 4096, Integer.MAX_VALUE),
            p.intValue(INDEX_INTERVAL_BYTES_CONFIG, DEFAULT_INDEX_INTERVAL_BYTES, 0, Integer.MAX_VALUE),
            p.intValue(MAX_MESSAGE_BYTES_CONFIG, DEFAULT_MAX_MESSAGE_BYTES, 0, Integer.MAX_VALUE),
            timestampType,
            p.longValue(DELETE_RETENTION_MS_CONFIG, DEFAULT_DELETE_RETENTION_MS, 0, Long.MAX_VALUE),
            p.longValue(MIN_COMPACTION_LAG_MS_CONFIG, DEFAULT_MIN_COMPACTION_LAG_MS, 0, Long.MAX_VALUE),
            p.doubleValue(MIN_CLEANABLE_DIRTY_RATIO_CONFIG, DEFAULT_MIN_CLEANABLE_DIRTY_RATIO, 0, 1),
            p.longValue(FILE_DELETE_DELAY_MS_CONFIG, DEFAULT_FILE_DELETE_DELAY_MS, 0, Long.MAX_VALUE),
            compression);
    }

    /** Returns this config as Kafka-named keys and string values, every key present. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(CLEANUP_POLICY_CONFIG, compact && delete ? "compact,delete" : compact ? "compact" : "delete");
        map.put(COMPRESSION_TYPE_CONFIG, compressionType);
        map.put(DELETE_RETENTION_MS_CONFIG, Long.toString(deleteRetentionMs));
        map.put(FILE_DELETE_DELAY_MS_CONFIG, Long.toString(fileDeleteDelayMs));
        map.put(INDEX_INTERVAL_BYTES_CONFIG, Integer.toString(indexIntervalBytes));
        map.put(MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        map.put(MESSAGE_TIMESTAMP_TYPE_CONFIG, timestampType.name);
        map.put(MIN_CLEANABLE_DIRTY_RATIO_CONFIG, Double.toString(minCleanableDirtyRatio));
        map.put(MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(minCompactionLagMs));
        map.put(RETENTION_BYTES_CONFIG, Long.toString(retentionBytes));
        map.put(RETENTION_MS_CONFIG, Long.toString(retentionMs));
        map.put(SEGMENT_BYTES_CONFIG, Integer.toString(segmentBytes));
        map.put(SEGMENT_INDEX_BYTES_CONFIG, Integer.toString(segmentIndexBytes));
        map.put(SEGMENT_MS_CONFIG, Long.toString(segmentMs));
        return map;
    }
}
