package dev.runnel.clients.producer.internals;

import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.common.record.CompressionType;

/**
 * The settings a producer runs with, read from its {@link ProducerConfig}, which parsed and checked them.
 *
 * @param acks            0, 1 or -1 ({@code all})
 * @param idempotent      whether batches carry a producer id and sequence numbers
 * @param transactionalId the {@code transactional.id}, or null
 * @param retries         how often a batch is appended again after a retriable error
 */
public record ProducerSettings(String clientId, int acks, long lingerMs, int batchSize, CompressionType compression,
                               long bufferMemory, long maxBlockMs, int maxRequestSize, boolean idempotent,
                               String transactionalId, int transactionTimeoutMs, int retries) {
    /** Reads the settings the producer uses from its parsed configuration. */
    public static ProducerSettings of(ProducerConfig config) {
        return new ProducerSettings(
            config.getString(ProducerConfig.CLIENT_ID_CONFIG),
            Integer.parseInt(config.getString(ProducerConfig.ACKS_CONFIG)),
            config.getLong(ProducerConfig.LINGER_MS_CONFIG),
            config.getInt(ProducerConfig.BATCH_SIZE_CONFIG),
            CompressionType.forName(config.getString(ProducerConfig.COMPRESSION_TYPE_CONFIG)),
            config.getLong(ProducerConfig.BUFFER_MEMORY_CONFIG),
            config.getLong(ProducerConfig.MAX_BLOCK_MS_CONFIG),
            config.getInt(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
            config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG),
            config.getString(ProducerConfig.TRANSACTIONAL_ID_CONFIG),
            config.getInt(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
            config.getInt(ProducerConfig.RETRIES_CONFIG));
    }
}
