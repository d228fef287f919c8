package dev.runnel.clients.consumer;

/**
 * The settings a consumer fetches with, read from its {@link ConsumerConfig}, which parsed and checked them.
 *
 * @param clientId      the {@code client.id}, or the one {@link ConsumerConfig} made up
 * @param readCommitted {@code isolation.level=read_committed}
 */
record ConsumerSettings(String clientId, String groupId, AutoOffsetReset autoOffsetReset, int maxPollRecords,
                        int maxPartitionFetchBytes, int fetchMaxBytes, boolean checkCrcs, boolean readCommitted) {

    static ConsumerSettings of(ConsumerConfig config) {
        return new ConsumerSettings(
            config.getString(ConsumerConfig.CLIENT_ID_CONFIG),
            config.getString(ConsumerConfig.GROUP_ID_CONFIG),
            AutoOffsetReset.parse(config.getString(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)),
            config.getInt(ConsumerConfig.MAX_POLL_RECORDS_CONFIG),
            config.getInt(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
            config.getInt(ConsumerConfig.FETCH_MAX_BYTES_CONFIG),
            config.getBoolean(ConsumerConfig.CHECK_CRCS_CONFIG),
            config.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG).equals("read_committed"));
    }
}
