package dev.runnel.clients.consumer;

import static dev.runnel.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.CHECK_CRCS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.CLIENT_ID_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.FETCH_MAX_BYTES_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG;

import dev.runnel.common.config.internals.ConfigReader;
import java.util.Locale;
import java.util.Set;

/**
 * A consumer's validated settings.
 *
 * @param readCommitted {@code isolation.level=read_committed}
 */
record ConsumerSettings(String clientId, String groupId, OffsetResetStrategy autoOffsetReset, int maxPollRecords,
                        int maxPartitionFetchBytes, int fetchMaxBytes, boolean checkCrcs, boolean readCommitted) {

    static ConsumerSettings parse(ConfigReader config) {
        String reset = config.oneOf(AUTO_OFFSET_RESET_CONFIG, "latest", Set.of("latest", "earliest", "none"));
        return new ConsumerSettings(
            config.string(CLIENT_ID_CONFIG, ""),
            config.string(GROUP_ID_CONFIG, null),
            OffsetResetStrategy.valueOf(reset.toUpperCase(Locale.ROOT)),
            config.intValue(MAX_POLL_RECORDS_CONFIG, ConsumerConfig.DEFAULT_MAX_POLL_RECORDS, 1, Integer.MAX_VALUE),
            config.intValue(MAX_PARTITION_FETCH_BYTES_CONFIG, ConsumerConfig.DEFAULT_MAX_PARTITION_FETCH_BYTES, 0,
                Integer.MAX_VALUE),
            config.intValue(FETCH_MAX_BYTES_CONFIG, ConsumerConfig.DEFAULT_FETCH_MAX_BYTES, 0, Integer.MAX_VALUE),
            config.bool(CHECK_CRCS_CONFIG, true),
            config.oneOf(ISOLATION_LEVEL_CONFIG, "read_uncommitted", Set.of("read_uncommitted", "read_committed"))
                .equals("read_committed"));
    }
}
