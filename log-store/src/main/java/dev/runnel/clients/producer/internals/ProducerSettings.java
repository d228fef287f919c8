package dev.runnel.clients.producer.internals;

import static dev.runnel.clients.producer.ProducerConfig.ACKS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.BUFFER_MEMORY_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.CLIENT_ID_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.COMPRESSION_TYPE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.LINGER_MS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.MAX_REQUEST_SIZE_CONFIG;

import dev.runnel.clients.internal.ClientConfig;
import dev.runnel.clients.producer.ProducerConfig;
import dev.runnel.common.record.CompressionType;
import java.util.Set;

/**
 * A producer's validated settings.
 *
 * @param acks 0, 1 or -1 ({@code all})
 */
public record ProducerSettings(String clientId, int acks, long lingerMs, int batchSize, CompressionType compression,
                               long bufferMemory, long maxBlockMs, int maxRequestSize) {
    private static final Set<String> ACKS = Set.of("all", "-1", "0", "1");

    public static ProducerSettings parse(ClientConfig config) {
        String acks = config.oneOf(ACKS_CONFIG, "all", ACKS);
        CompressionType compression;
        try {
            compression = CompressionType.forName(config.string(COMPRESSION_TYPE_CONFIG, "none"));
        } catch (IllegalArgumentException e) {
            throw ClientConfig.invalid(COMPRESSION_TYPE_CONFIG, config.raw(COMPRESSION_TYPE_CONFIG),
                "none, gzip, snappy, lz4 or zstd");
        }
        return new ProducerSettings(
            config.string(CLIENT_ID_CONFIG, ""),
            acks.equals("all") ? -1 : Integer.parseInt(acks),
            config.longValue(LINGER_MS_CONFIG, ProducerConfig.DEFAULT_LINGER_MS, 0, Integer.MAX_VALUE),
            config.intValue(BATCH_SIZE_CONFIG, ProducerConfig.DEFAULT_BATCH_SIZE, 0, Integer.MAX_VALUE),
            compression,
            config.longValue(BUFFER_MEMORY_CONFIG, ProducerConfig.DEFAULT_BUFFER_MEMORY, 1, Long.MAX_VALUE),
            config.longValue(MAX_BLOCK_MS_CONFIG, ProducerConfig.DEFAULT_MAX_BLOCK_MS, 0, Long.MAX_VALUE),
            config.intValue(MAX_REQUEST_SIZE_CONFIG, ProducerConfig.DEFAULT_MAX_REQUEST_SIZE, 1, Integer.MAX_VALUE));
    }
}
