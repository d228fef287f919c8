package dev.runnel.clients.producer;

import static dev.runnel.clients.producer.ProducerConfig.ACKS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.BUFFER_MEMORY_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.CLIENT_ID_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.COMPRESSION_GZIP_LEVEL_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.COMPRESSION_LZ4_LEVEL_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.COMPRESSION_TYPE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.DEFAULT_BATCH_SIZE;
import static dev.runnel.clients.producer.ProducerConfig.DEFAULT_BUFFER_MEMORY;
import static dev.runnel.clients.producer.ProducerConfig.DEFAULT_LINGER_MS;
import static dev.runnel.clients.producer.ProducerConfig.DEFAULT_MAX_BLOCK_MS;
import static dev.runnel.clients.producer.ProducerConfig.DEFAULT_MAX_REQUEST_SIZE;
import static dev.runnel.clients.producer.ProducerConfig.DEFAULT_TRANSACTION_TIMEOUT_MS;
import static dev.runnel.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.INTERCEPTOR_CLASSES_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.LINGER_MS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION;
import static dev.runnel.clients.producer.ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.METADATA_MAX_IDLE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.PARTITIONER_CLASS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.RETRIES_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.TRANSACTION_TIMEOUT_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.TRANSACTION_TWO_PHASE_COMMIT_ENABLE_CONFIG;
import static dev.runnel.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG;

import dev.runnel.clients.CommonClientConfigs;
import dev.runnel.clients.internals.ClientConfigDefinitions;
import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.ConfigDef.Importance;
import dev.runnel.common.config.ConfigDef.LambdaValidator;
import dev.runnel.common.config.ConfigDef.NonEmptyString;
import dev.runnel.common.config.ConfigDef.Range;
import dev.runnel.common.config.ConfigDef.Type;
import dev.runnel.common.config.ConfigDef.ValidList;
import dev.runnel.common.config.ConfigDef.ValidString;
import dev.runnel.common.config.ConfigException;
import java.util.List;

/** The definition of every {@link ProducerConfig} key, Kafka's producer's where Kafka has the key. */
final class ProducerConfigDefinition {
    static final ConfigDef DEFINITION = define();

    private ProducerConfigDefinition() {
    }

    private static ConfigDef define() {
        ConfigDef def = new ConfigDef()
            .define(CLIENT_ID_CONFIG, Type.STRING, "", Importance.MEDIUM, CommonClientConfigs.CLIENT_ID_DOC)
            .define(ACKS_CONFIG, Type.STRING, "all", ValidString.in("all", "-1", "0", "1"), Importance.LOW,
                "When a send counts as done: 0, once handed to the producer (no offset is returned); 1, once written"
                    + " to the log; all (or -1), once written and flushed to disk.")
            .define(LINGER_MS_CONFIG, Type.LONG, DEFAULT_LINGER_MS, Range.atLeast(0), Importance.MEDIUM,
                "How long a batch that is not full waits for more records before it is written.")
            .define(BATCH_SIZE_CONFIG, Type.INT, DEFAULT_BATCH_SIZE, Range.atLeast(0), Importance.MEDIUM,
                "The size in bytes at which a partition's batch is closed and written.")
            .define(BUFFER_MEMORY_CONFIG, Type.LONG, DEFAULT_BUFFER_MEMORY, Range.atLeast(0), Importance.HIGH,
                "Bytes of records sent but not yet written; send blocks while they are all taken.")
            .define(MAX_BLOCK_MS_CONFIG, Type.LONG, DEFAULT_MAX_BLOCK_MS, Range.atLeast(0), Importance.MEDIUM,
                "How long send and the transaction calls may block, waiting for buffer memory or the log.")
            .define(MAX_REQUEST_SIZE_CONFIG, Type.INT, DEFAULT_MAX_REQUEST_SIZE, Range.atLeast(0), Importance.MEDIUM,
                "The largest serialized record, in bytes, the producer accepts.")
            .define(COMPRESSION_TYPE_CONFIG, Type.STRING, "none", ValidString.in("none", "gzip", "snappy", "lz4",
                "zstd"), Importance.HIGH, "How batches are compressed before they are written.")
            .define(COMPRESSION_GZIP_LEVEL_CONFIG, Type.INT, -1, gzipLevel(), Importance.MEDIUM,
                "The gzip level, 1 to 9, or -1 for gzip's default; accepted, Runnel compresses at the default.")
            .define(COMPRESSION_LZ4_LEVEL_CONFIG, Type.INT, 9, Range.between(1, 17), Importance.MEDIUM,
                "The lz4 level; accepted, Runnel compresses at the default.")
            .define(COMPRESSION_ZSTD_LEVEL_CONFIG, Type.INT, 3, Range.between(-131_072, 22), Importance.MEDIUM,
                "The zstd level; accepted, Runnel compresses at the default.")
            .define(RETRIES_CONFIG, Type.INT, Integer.MAX_VALUE, Range.between(0, Integer.MAX_VALUE), Importance.HIGH,
                "How often a batch is written again after an error that may pass. 0 also turns idempotence off"
                    + " unless it is asked for.")
            .define(DELIVERY_TIMEOUT_MS_CONFIG, Type.INT, 120_000, Range.atLeast(0), Importance.MEDIUM,
                "The longest a send may take before it fails; the embedded log answers or fails at once.")
            .define(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, Type.INT, 5, Range.atLeast(1), Importance.LOW,
                "Unacknowledged requests per broker connection; above 5 rules idempotence out.")
            .define(METADATA_MAX_IDLE_CONFIG, Type.LONG, 300_000L, Range.atLeast(5000), Importance.LOW,
                "How long metadata of a topic not produced to is kept; the embedded log's is always current.")
            .define(KEY_SERIALIZER_CLASS_CONFIG, Type.CLASS, Importance.HIGH,
                "The Serializer class of keys, unless the producer is given a serializer.")
            .define(VALUE_SERIALIZER_CLASS_CONFIG, Type.CLASS, Importance.HIGH,
                "The Serializer class of values, unless the producer is given a serializer.")
            .define(PARTITIONER_CLASS_CONFIG, Type.CLASS, null, Importance.MEDIUM,
                "A Partitioner class choosing each record's partition. By default a key's murmur2 hash does, and"
                    + " records without a key are spread over the partitions.")
            .define(PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                "Whether records without a key go more to faster brokers; accepted, one log serves all.")
            .define(PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                "How long a broker may lag before records without a key avoid it; unused.")
            .define(PARTITIONER_IGNORE_KEYS_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                "Whether the default partitioner spreads records as if they had no key.")
            .define(INTERCEPTOR_CLASSES_CONFIG, Type.LIST, List.of(), ValidList.anyNonDuplicateValues(true, false),
                Importance.LOW, "ProducerInterceptor classes that see each record before it is sent and each"
                    + " acknowledgement, in order.")
            .define(ENABLE_IDEMPOTENCE_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                "Whether each batch carries a producer id and sequence number, so that one written again is written"
                    + " once. Needs acks=all, retries above 0 and at most 5 requests in flight.")
            .define(TRANSACTION_TIMEOUT_CONFIG, Type.INT, DEFAULT_TRANSACTION_TIMEOUT_MS, Importance.LOW,
                "How long a transaction may stay open before the coordinator aborts it.")
            .define(TRANSACTIONAL_ID_CONFIG, Type.STRING, null, new NonEmptyString(), Importance.LOW,
                "Turns transactions on. One producer at a time works under an id: initTransactions fences the"
                    + " producers that used it before. Needs idempotence.")
            .define(TRANSACTION_TWO_PHASE_COMMIT_ENABLE_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                "Whether a transaction may be prepared and left for an outside coordinator to finish (KIP-939);"
                    + " accepted, not supported.");
        return ClientConfigDefinitions.defineCommon(def, 32 * 1024, 9 * 60_000L, true);
    }

    /** gzip's levels, 1 to 9, or -1 for its default. */
    private static LambdaValidator gzipLevel() {
        return LambdaValidator.with((name, value) -> {
            int level = (Integer) value;
            if (level != -1 && (level < 1 || level > 9)) {
                throw new ConfigException(name, value, "Value must be between 1 and 9 or equal to -1");
            }
        }, () -> "[1,...,9] or -1");
    }
}
