package dev.runnel.clients.producer;

import dev.runnel.clients.CommonClientConfigs;
import dev.runnel.common.config.AbstractConfig;
import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.SecurityConfig;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.serialization.Serializer;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's configuration, as Kafka's {@code ProducerConfig}: every key Kafka's producer defines, with Kafka's
 * types, defaults and valid values ({@link #configDef()}), parsed and checked when a {@link KafkaProducer} is created
 * or a {@code ProducerConfig} is, which fails with a {@link ConfigException} naming the key, the value and why. Keys
 * about brokers, connections and security are accepted and unused by the embedded log; {@code bootstrap.servers} may
 * be left out. Runnel adds {@code log.dir}.
 *
 * <p>After parsing, as in Kafka: an empty {@code client.id} becomes {@code producer-<transactional.id>} or
 * {@code producer-N}; {@code acks=all} reads as {@code -1}; idempotence not asked for is turned off where
 * {@code acks}, {@code retries} or {@code max.in.flight.requests.per.connection} rule it out, and asked for there it
 * is an error; a {@code transactional.id} needs idempotence.
 */
public class ProducerConfig extends AbstractConfig {
    /** The embedded log's data folder (Runnel). Default {@code runnel-data}. */
    public static final String LOG_DIR_CONFIG = "log.dir";
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String CLIENT_DNS_LOOKUP_CONFIG = CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG;
    public static final String METADATA_MAX_AGE_CONFIG = CommonClientConfigs.METADATA_MAX_AGE_CONFIG;
    public static final String METADATA_MAX_IDLE_CONFIG = "metadata.max.idle.ms";
    /** The size a batch is closed at. Default 16384 bytes. */
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final String PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE_CONFIG =
        "partitioner.adaptive.partitioning.enable";
    /** Kafka's misspelt name of {@link #PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE_CONFIG}, kept as Kafka keeps it. */
    public static final String PARTITIONER_ADPATIVE_PARTITIONING_ENABLE_CONFIG =
        PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE_CONFIG;
    public static final String PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG = "partitioner.availability.timeout.ms";
    public static final String PARTITIONER_IGNORE_KEYS_CONFIG = "partitioner.ignore.keys";
    /** {@code 0}: no acknowledgement and no offsets; {@code 1}: written to the log; {@code all} (default, also -1):
     * written and fsynced, one fsync shared by concurrent writers. */
    public static final String ACKS_CONFIG = "acks";
    /** How long a batch waits for more records before it is written. Default 5 ms. */
    public static final String LINGER_MS_CONFIG = "linger.ms";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
    public static final String DELIVERY_TIMEOUT_MS_CONFIG = "delivery.timeout.ms";
    public static final String CLIENT_ID_CONFIG = CommonClientConfigs.CLIENT_ID_CONFIG;
    public static final String SEND_BUFFER_CONFIG = CommonClientConfigs.SEND_BUFFER_CONFIG;
    public static final String RECEIVE_BUFFER_CONFIG = CommonClientConfigs.RECEIVE_BUFFER_CONFIG;
    /** The largest record the producer accepts. Default 1048576 bytes. */
    public static final String MAX_REQUEST_SIZE_CONFIG = "max.request.size";
    public static final String RECONNECT_BACKOFF_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG;
    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG;
    /** How long {@code send} may block waiting for buffer memory. Default 60000 ms. */
    public static final String MAX_BLOCK_MS_CONFIG = "max.block.ms";
    /** Memory for records not yet written; {@code send} blocks when it is full. Default 32 MiB. */
    public static final String BUFFER_MEMORY_CONFIG = "buffer.memory";
    public static final String RETRY_BACKOFF_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG;
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG;
    public static final String ENABLE_METRICS_PUSH_CONFIG = CommonClientConfigs.ENABLE_METRICS_PUSH_CONFIG;
    /** none (default), gzip, snappy, lz4 or zstd. */
    public static final String COMPRESSION_TYPE_CONFIG = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL_CONFIG = "compression.gzip.level";
    public static final String COMPRESSION_LZ4_LEVEL_CONFIG = "compression.lz4.level";
    public static final String COMPRESSION_ZSTD_LEVEL_CONFIG = "compression.zstd.level";
    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG;
    public static final String METRICS_NUM_SAMPLES_CONFIG = CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG;
    public static final String METRICS_RECORDING_LEVEL_CONFIG = CommonClientConfigs.METRICS_RECORDING_LEVEL_CONFIG;
    /** {@link dev.runnel.common.metrics.MetricsReporter} classes told of the client's metrics. */
    public static final String METRIC_REPORTER_CLASSES_CONFIG = CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG;
    public static final String MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION = "max.in.flight.requests.per.connection";
    public static final String RETRIES_CONFIG = CommonClientConfigs.RETRIES_CONFIG;
    public static final String KEY_SERIALIZER_CLASS_CONFIG = "key.serializer";
    public static final String VALUE_SERIALIZER_CLASS_CONFIG = "value.serializer";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG =
        CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG;
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG =
        CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG;
    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG;
    /** A {@link Partitioner} class; by default keys hash with murmur2 and null keys go round-robin. */
    public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
    /** {@link ProducerInterceptor} classes, a list or comma-separated names, called in order. Default none. */
    public static final String INTERCEPTOR_CLASSES_CONFIG = "interceptor.classes";
    /** Retried batches are written once (producer id, epoch and sequence numbers). Default true. */
    public static final String ENABLE_IDEMPOTENCE_CONFIG = "enable.idempotence";
    /** How long a transaction may stay open before the coordinator aborts it. Default 60000 ms. */
    public static final String TRANSACTION_TIMEOUT_CONFIG = "transaction.timeout.ms";
    /** Enables transactions; a producer with the same id fences older ones at {@code initTransactions}. */
    public static final String TRANSACTIONAL_ID_CONFIG = "transactional.id";
    public static final String TRANSACTION_TWO_PHASE_COMMIT_ENABLE_CONFIG = "transaction.two.phase.commit.enable";
    public static final String SECURITY_PROVIDERS_CONFIG = SecurityConfig.SECURITY_PROVIDERS_CONFIG;

    public static final int DEFAULT_BATCH_SIZE = 16384;
    public static final long DEFAULT_LINGER_MS = 5;
    public static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;
    public static final long DEFAULT_MAX_BLOCK_MS = 60_000;
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
    public static final int DEFAULT_TRANSACTION_TIMEOUT_MS = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(ProducerConfig.class);
    /** The most requests in flight an idempotent producer allows, as Kafka's. */
    private static final int MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;
    private static final AtomicInteger CLIENT_ID_SEQUENCE = new AtomicInteger(1);

    /** Parses and checks {@code props}, logging the values. */
    public ProducerConfig(Properties props) {
        super(ProducerConfigDefinition.DEFINITION, props);
    }

    /** Parses and checks {@code props}, logging the values. */
    public ProducerConfig(Map<String, Object> props) {
        super(ProducerConfigDefinition.DEFINITION, props);
    }

    /** The configs with the serializers' classes added where instances are given, as Kafka's producer does. */
    static Map<String, Object> appendSerializerToConfig(Map<String, Object> configs, Serializer<?> keySerializer,
                                                        Serializer<?> valueSerializer) {
        Map<String, Object> newConfigs = new HashMap<>(configs);
        if (keySerializer != null) {
            newConfigs.put(KEY_SERIALIZER_CLASS_CONFIG, keySerializer.getClass());
        }
        if (valueSerializer != null) {
            newConfigs.put(VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer.getClass());
        }
        return newConfigs;
    }

    @Override
    protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsedValues) {
        Map<String, Object> updates = new HashMap<>();
        String transactionalId = (String) parsedValues.get(TRANSACTIONAL_ID_CONFIG);
        if (((String) parsedValues.get(CLIENT_ID_CONFIG)).isEmpty()) {
            updates.put(CLIENT_ID_CONFIG, "producer-"
                + (transactionalId != null ? transactionalId : CLIENT_ID_SEQUENCE.getAndIncrement()));
        }
        String acks = "all".equals(parsedValues.get(ACKS_CONFIG)) ? "-1" : (String) parsedValues.get(ACKS_CONFIG);
        updates.put(ACKS_CONFIG, acks);
        boolean idempotent = idempotence(parsedValues, acks);
        updates.put(ENABLE_IDEMPOTENCE_CONFIG, idempotent);
        if (!idempotent && originals().containsKey(TRANSACTIONAL_ID_CONFIG)) {
            throw new ConfigException("Cannot set a " + TRANSACTIONAL_ID_CONFIG + " without also enabling "
                + "idempotence.");
        }
        return updates;
    }

    /**
     * Whether the producer is idempotent: as configured (true by default), unless a setting rules it out; that
     * setting is an error if {@code enable.idempotence} was given, and turns idempotence off if not.
     */
    private boolean idempotence(Map<String, Object> parsedValues, String acks) {
        if (!(Boolean) parsedValues.get(ENABLE_IDEMPOTENCE_CONFIG)) {
            return false;
        }
        boolean asked = originals().containsKey(ENABLE_IDEMPOTENCE_CONFIG);
        String conflict = null;
        if ((Integer) parsedValues.get(RETRIES_CONFIG) == 0) {
            conflict = "Must set " + RETRIES_CONFIG + " to non-zero when using the idempotent producer.";
        } else if (!acks.equals("-1")) {
            conflict = "Must set " + ACKS_CONFIG + " to all in order to use the idempotent producer. Otherwise we "
                + "cannot guarantee idempotence.";
        } else if ((Integer) parsedValues.get(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION) > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
            conflict = "To use the idempotent producer, " + MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION + " must be set to "
                + "at most " + MAX_IN_FLIGHT_FOR_IDEMPOTENCE + ". Current value is "
                + parsedValues.get(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION) + ".";
        }
        if (conflict == null) {
            return true;
        }
        if (asked) {
            throw new ConfigException(conflict);
        }
        LOG.info("Idempotence is disabled because {} is not compatible with it", conflict);
        return false;
    }

    /** The keys the producer defines; others given are kept in {@link #originals()} and logged as unused. */
    public static Set<String> configNames() {
        return ProducerConfigDefinition.DEFINITION.names();
    }

    /** A copy of the producer's definition. */
    public static ConfigDef configDef() {
        return new ConfigDef(ProducerConfigDefinition.DEFINITION);
    }

    /** Prints the producer's configs as an HTML table, as Kafka's documentation shows them. */
    public static void main(String[] args) {
        System.out.println(ProducerConfigDefinition.DEFINITION.toHtml(4, config -> "producerconfigs_" + config));
    }
}
