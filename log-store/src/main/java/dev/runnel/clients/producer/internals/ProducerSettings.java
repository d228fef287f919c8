package dev.runnel.clients.producer.internals;

import static dev.runnel.clients.producer.ProducerConfig.ACKS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.BUFFER_MEMORY_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.CLIENT_ID_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.COMPRESSION_TYPE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.LINGER_MS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.RETRIES_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.TRANSACTION_TIMEOUT_CONFIG;

import dev.runnel.common.config.internals.ConfigReader;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.record.CompressionType;
import java.util.Set;

/**
 * A producer's validated settings.
 *
 * @param acks            0, 1 or -1 ({@code all})
 * @param idempotent      whether batches carry a producer id and sequence numbers
 * @param transactionalId the {@code transactional.id}, or null
 * @param retries         how often a batch is appended again after a retriable error
 */
public record ProducerSettings(String clientId, int acks, long lingerMs, int batchSize, CompressionType compression,
                               long bufferMemory, long maxBlockMs, int maxRequestSize, boolean idempotent,
                               String transactionalId, int transactionTimeoutMs, int retries) {
    private static final Set<String> ACKS = Set.of("all", "-1", "0", "1");

    public static ProducerSettings parse(ConfigReader config) {
        String acks = config.oneOf(ACKS_CONFIG, "all", ACKS);
        CompressionType compression;
        try {
            compression = CompressionType.forName(config.string(COMPRESSION_TYPE_CONFIG, "none"));
        } catch (IllegalArgumentException e) {
            throw ConfigReader.invalid(COMPRESSION_TYPE_CONFIG, config.raw(COMPRESSION_TYPE_CONFIG),
                "none, gzip, snappy, lz4 or zstd");
        }
        int acksValue = acks.equals("all") ? -1 : Integer.parseInt(acks);
        boolean idempotenceSet = config.raw(ENABLE_IDEMPOTENCE_CONFIG) != null;
        boolean idempotent = config.bool(ENABLE_IDEMPOTENCE_CONFIG, acksValue == -1);
        if (idempotenceSet && idempotent && acksValue != -1) {
            throw new ConfigException("Must set " + ACKS_CONFIG + " to all in order to use the "
                + "idempotent producer (" + ENABLE_IDEMPOTENCE_CONFIG + "=true); otherwise we cannot guarantee "
                + "idempotence. Got " + ACKS_CONFIG + "=" + acks);
        }
        String transactionalId = config.string(TRANSACTIONAL_ID_CONFIG, null);
        if (transactionalId != null && transactionalId.isEmpty()) {
            transactionalId = null;
        }
        if (transactionalId != null && !idempotent) {
            throw new ConfigException("Cannot set a " + TRANSACTIONAL_ID_CONFIG + " without also "
                + "enabling idempotence: " + ENABLE_IDEMPOTENCE_CONFIG + " is false or " + ACKS_CONFIG + " is " + acks
                + " (it must be all)");
        }
        return new ProducerSettings(
            config.string(CLIENT_ID_CONFIG, ""),
            acksValue,
            config.longValue(LINGER_MS_CONFIG, ProducerConfig.DEFAULT_LINGER_MS, 0, Integer.MAX_VALUE),
            config.intValue(BATCH_SIZE_CONFIG, ProducerConfig.DEFAULT_BATCH_SIZE, 0, Integer.MAX_VALUE),
            compression,
            config.longValue(BUFFER_MEMORY_CONFIG, ProducerConfig.DEFAULT_BUFFER_MEMORY, 1, Long.MAX_VALUE),
            config.longValue(MAX_BLOCK_MS_CONFIG, ProducerConfig.DEFAULT_MAX_BLOCK_MS, 0, Long.MAX_VALUE),
            config.intValue(MAX_REQUEST_SIZE_CONFIG, ProducerConfig.DEFAULT_MAX_REQUEST_SIZE, 1, Integer.MAX_VALUE),
            idempotent,
            transactionalId,
            config.intValue(TRANSACTION_TIMEOUT_CONFIG, ProducerConfig.DEFAULT_TRANSACTION_TIMEOUT_MS, 1,
                Integer.MAX_VALUE),
            config.intValue(RETRIES_CONFIG, Integer.MAX_VALUE, 0, Integer.MAX_VALUE));
    }
}
