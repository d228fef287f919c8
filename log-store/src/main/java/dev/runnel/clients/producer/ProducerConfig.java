package dev.runnel.clients.producer;

import java.util.Set;

/** The producer's config keys, spelled as in Kafka, with Kafka 4's defaults noted on each. */
public final class ProducerConfig {
    /** The embedded log's data folder (Runnel). Default {@code runnel-data}. */
    public static final String LOG_DIR_CONFIG = "log.dir";
    /** Accepted for portability; the embedded log has no servers, so it is not used yet. */
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String CLIENT_ID_CONFIG = "client.id";
    /** {@code 0}: no acknowledgement and no offsets; {@code 1}: written to the log; {@code all} (default, also -1):
     * written and fsynced, one fsync shared by concurrent writers. */
    public static final String ACKS_CONFIG = "acks";
    /** How long a batch waits for more records before it is written. Default 5 ms. */
    public static final String LINGER_MS_CONFIG = "linger.ms";
    /** The size a batch is closed at. Default 16384 bytes. */
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    /** none (default), gzip, snappy, lz4 or zstd. */
    public static final String COMPRESSION_TYPE_CONFIG = "compression.type";
    /** Memory for records not yet written; {@code send} blocks when it is full. Default 32 MiB. */
    public static final String BUFFER_MEMORY_CONFIG = "buffer.memory";
    /** How long {@code send} may block waiting for buffer memory. Default 60000 ms. */
    public static final String MAX_BLOCK_MS_CONFIG = "max.block.ms";
    /** The largest record the producer accepts. Default 1048576 bytes. */
    public static final String MAX_REQUEST_SIZE_CONFIG = "max.request.size";
    public static final String KEY_SERIALIZER_CLASS_CONFIG = "key.serializer";
    public static final String VALUE_SERIALIZER_CLASS_CONFIG = "value.serializer";
    /** A {@link Partitioner} class; by default keys hash with murmur2 and null keys go round-robin. */
    public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
    /** Retried batches are written once (producer id, epoch and sequence numbers). Default true unless {@code acks} is
     * set to 0 or 1 while this is not set; true with acks other than all is an error. */
    public static final String ENABLE_IDEMPOTENCE_CONFIG = "enable.idempotence";
    /** Enables transactions; a producer with the same id fences older ones at {@code initTransactions}. */
    public static final String TRANSACTIONAL_ID_CONFIG = "transactional.id";
    /** How long a transaction may stay open before the coordinator aborts it. Default 60000 ms. */
    public static final String TRANSACTION_TIMEOUT_CONFIG = "transaction.timeout.ms";
    /** {@link ProducerInterceptor} classes, a list or comma-separated names, called in order. Default none. */
    public static final String INTERCEPTOR_CLASSES_CONFIG = "interceptor.classes";
    /** {@link dev.runnel.common.metrics.MetricsReporter} classes told of the client's metrics. Default none. */
    public static final String METRIC_REPORTER_CLASSES_CONFIG = "metric.reporters";
    public static final String RETRIES_CONFIG = "retries";
    public static final String DELIVERY_TIMEOUT_MS_CONFIG = "delivery.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "request.timeout.ms";

    public static final int DEFAULT_BATCH_SIZE = 16384;
    public static final long DEFAULT_LINGER_MS = 5;
    public static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;
    public static final long DEFAULT_MAX_BLOCK_MS = 60_000;
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
    public static final int DEFAULT_TRANSACTION_TIMEOUT_MS = 60_000;

    /** Every key the producer reads or accepts without a warning. */
    public static final Set<String> KEYS = Set.of(LOG_DIR_CONFIG, BOOTSTRAP_SERVERS_CONFIG, CLIENT_ID_CONFIG,
        ACKS_CONFIG, LINGER_MS_CONFIG, BATCH_SIZE_CONFIG, COMPRESSION_TYPE_CONFIG, BUFFER_MEMORY_CONFIG,
        MAX_BLOCK_MS_CONFIG, MAX_REQUEST_SIZE_CONFIG, KEY_SERIALIZER_CLASS_CONFIG, VALUE_SERIALIZER_CLASS_CONFIG,
        PARTITIONER_CLASS_CONFIG, ENABLE_IDEMPOTENCE_CONFIG, RETRIES_CONFIG, DELIVERY_TIMEOUT_MS_CONFIG,
        REQUEST_TIMEOUT_MS_CONFIG, TRANSACTIONAL_ID_CONFIG, TRANSACTION_TIMEOUT_CONFIG, INTERCEPTOR_CLASSES_CONFIG,
        METRIC_REPORTER_CLASSES_CONFIG);

    private ProducerConfig() {
    }

    /** The keys the producer accepts, as Kafka's {@code configNames()}: {@link #KEYS}; others are logged as unknown. */
    public static Set<String> configNames() {
        return KEYS;
    }
}
