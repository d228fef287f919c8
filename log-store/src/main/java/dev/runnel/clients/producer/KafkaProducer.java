package dev.runnel.clients.producer;

import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.internals.ClientMetrics;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.config.internals.ConfigReader;
import dev.runnel.common.utils.ClientTelemetry;
import dev.runnel.clients.producer.internals.BuiltInPartitioner;
import dev.runnel.clients.producer.internals.ProducerEngine;
import dev.runnel.clients.producer.internals.ProducerInterceptors;
import dev.runnel.clients.producer.internals.ProducerMetadata;
import dev.runnel.clients.producer.internals.ProducerSettings;
import dev.runnel.clients.producer.internals.TransactionManager;
import dev.runnel.common.KafkaException;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.Uuid;
import dev.runnel.common.errors.ApiException;
import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.metrics.Metrics;
import dev.runnel.common.metrics.MetricsReporter;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Future;

/**
 * Sends records to the embedded log, as Kafka's producer sends them to a cluster. Records are batched per partition
 * ({@code batch.size}, {@code linger.ms}), compressed ({@code compression.type}) and written by a background thread;
 * {@code acks=all} (the default) acknowledges a record only once it is fsynced. Thread-safe: share one producer
 * between threads.
 *
 * <p>With {@code acks=all} the producer is idempotent by default: a retried batch is written once. With a
 * {@code transactional.id} it writes transactions that read_committed consumers see whole or not at all:
 *
 * <pre>{@code
 * producer.initTransactions();            // once; fences older producers with this transactional.id
 * producer.beginTransaction();
 * producer.send(new ProducerRecord<>("out", key, value));
 * producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
 * producer.commitTransaction();           // or abortTransaction() after an error; ProducerFencedException is fatal
 * }</pre>
 *
 * <pre>{@code
 * Map<String, Object> config = Map.of("log.dir", "runnel-data");
 * try (Producer<String, String> producer =
 *          new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
 *     RecordMetadata metadata = producer.send(new ProducerRecord<>("clicks", "alice", "/home")).get();
 * }
 * }</pre>
 *
 * <p>{@link #metrics()} returns Kafka's producer metrics, which are also in JMX as {@code
 * kafka.producer:type=producer-metrics,client-id=<client.id>}.
 */
public class KafkaProducer<K, V> implements Producer<K, V> {
    /** The JMX domain of producer metrics, Kafka's. */
    public static final String JMX_PREFIX = "kafka.producer";

    private final RunnelLog log;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Partitioner partitioner;
    private final ProducerEngine engine;
    private final ProducerMetadata metadata;
    private final TransactionManager transactions;
    private final Metrics metrics;
    /** Null without {@code interceptor.classes}, so that a send without interceptors costs one null check. */
    private final ProducerInterceptors<K, V> interceptors;
    private volatile boolean closed;

    public KafkaProducer(Map<String, Object> configs) {
        this(configs, null, null);
    }

    public KafkaProducer(Properties properties) {
        this(ConfigReader.toMap(properties), null, null);
    }

    public KafkaProducer(Properties properties, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(ConfigReader.toMap(properties), keySerializer, valueSerializer);
    }

    /**
     * Creates a producer from {@code configs}, checked against {@link ProducerConfig}'s definition: a bad value fails
     * with a {@link dev.runnel.common.config.ConfigException} naming the key. Serializers given here are used as
     * they are; those named in the configs are created and configured, as in Kafka.
     */
    @SuppressWarnings("unchecked")
    public KafkaProducer(Map<String, Object> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        ProducerConfig config = new ProducerConfig(
            ProducerConfig.appendSerializerToConfig(configs, keySerializer, valueSerializer));
        checkDeliveryTimeout(config);
        ProducerSettings settings = ProducerSettings.of(config);
        String clientId = settings.clientId();
        Map<String, Object> withClientId = config.originals(Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId));
        this.keySerializer = keySerializer != null ? keySerializer
            : configured(config, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, withClientId, true);
        this.valueSerializer = valueSerializer != null ? valueSerializer
            : configured(config, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, withClientId, false);
        this.partitioner = config.getConfiguredInstance(ProducerConfig.PARTITIONER_CLASS_CONFIG, Partitioner.class,
            Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId));
        this.interceptors = interceptors(config, clientId);
        // Before the log opens: a reporter that cannot be created fails the constructor with nothing to release.
        List<MetricsReporter> reporters = ClientMetrics.reporters(config, clientId);
        this.log = RunnelLog.open(RunnelLogConfig.parse(configs));
        this.metadata = new ProducerMetadata(log);
        this.metrics = ClientMetrics.create(config, log.time(), JMX_PREFIX, clientId, reporters);
        this.engine = new ProducerEngine(log, settings, clientId, metrics);
        this.transactions = engine.transactions();
        config.logUnused();
    }

    /**
     * Refuses a {@code delivery.timeout.ms} set below {@code linger.ms + request.timeout.ms}, as Kafka's producer does
     * (a record could expire before its batch is even sent); the embedded log sends nothing over a network, so the
     * setting has no other effect. Kafka only warns when the default is the one below.
     */
    private static void checkDeliveryTimeout(ProducerConfig config) {
        long lingerAndRequestTimeoutMs = config.getLong(ProducerConfig.LINGER_MS_CONFIG)
            + config.getInt(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        if (config.originals().containsKey(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)
            && config.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG) < lingerAndRequestTimeoutMs) {
            throw new KafkaException("Failed to construct kafka producer", new ConfigException(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG + " should be equal to or larger than "
                    + ProducerConfig.LINGER_MS_CONFIG + " + " + ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Serializer<T> configured(ProducerConfig config, String key, Map<String, Object> configs,
                                                boolean isKey) {
        Serializer<T> serializer = config.getConfiguredInstance(key, Serializer.class);
        serializer.configure(configs, isKey);
        return serializer;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K, V> ProducerInterceptors<K, V> interceptors(ProducerConfig config, String clientId) {
        // As in Kafka, interceptors see the client id the producer chose when none was configured.
        List<ProducerInterceptor> list = config.getConfiguredInstances(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
            ProducerInterceptor.class, Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId));
        return list.isEmpty() ? null : new ProducerInterceptors<>((List) list);
    }

    /**
     * Registers the {@code transactional.id} with the log's transaction coordinator, once, before the first
     * transaction: it aborts a transaction an earlier producer with the same id left open and fences that producer
     * (its next send or commit fails with {@link dev.runnel.common.errors.ProducerFencedException}).
     *
     * @throws IllegalStateException if no {@code transactional.id} is configured, or called twice
     */
    @Override
    public void initTransactions() {
        ensureOpen();
        transactions().initTransactions();
    }

    /** Starts a transaction; records sent from now on commit or abort together. */
    @Override
    public void beginTransaction() {
        ensureOpen();
        transactions().beginTransaction();
    }

    /**
     * Adds consumer offsets to the transaction: they become the group's committed offsets exactly when the
     * transaction commits, and are dropped if it aborts.
     */
    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                         ConsumerGroupMetadata groupMetadata) {
        ensureOpen();
        transactions().sendOffsetsToTransaction(offsets, groupMetadata);
    }

    /**
     * Flushes the transaction's records and commits it: commit markers are written and fsynced on every partition it
     * touched. Throws {@link KafkaException} if one of its records failed (abort then), and
     * {@link dev.runnel.common.errors.ProducerFencedException} if a newer producer took over (close then).
     */
    @Override
    public void commitTransaction() {
        ensureOpen();
        TransactionManager manager = transactions();
        manager.beginCommit();
        engine.flush();
        manager.completeTransaction(true);
    }

    /** Waits for the transaction's records in flight, then aborts it: read_committed consumers never see them. */
    @Override
    public void abortTransaction() {
        ensureOpen();
        TransactionManager manager = transactions();
        manager.beginAbort();
        engine.flush();
        manager.completeTransaction(false);
    }

    private TransactionManager transactions() {
        if (transactions == null || !transactions.isTransactional()) {
            throw new IllegalStateException("Cannot use transactional methods without enabling transactions by "
                + "setting the transactional.id configuration property");
        }
        return transactions;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        }
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    /**
     * Queues the record and returns at once, as Kafka's {@code send} does: an {@link ApiException} raised while
     * queuing (an unknown topic, a record too large, a {@link BufferExhaustedException} when {@code buffer.memory} is
     * still full after {@code max.block.ms}) fails the returned future and is passed to the callback, and {@code send}
     * does not throw it. Thrown are what is not an {@code ApiException}: a {@link SerializationException}, an
     * {@link dev.runnel.common.errors.InterruptException} while waiting for memory, a closed producer or an invalid
     * partition ({@code IllegalStateException}, {@code IllegalArgumentException}), and the transaction state errors of
     * a transactional producer, including (unlike Kafka, which reports it through the callback) a
     * {@link dev.runnel.common.errors.ProducerFencedException}. Unlike Kafka, a record failed here does not make an
     * open transaction abortable.
     */
    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        return send(record, callback, true);
    }

    /**
     * Sends like {@link #send(ProducerRecord, Callback)} for a caller that ignores the future: the callback alone
     * reports the outcome, and the producer spares the per-record future.
     */
    public void sendWithCallbackOnly(ProducerRecord<K, V> record, Callback callback) {
        send(record, callback, false);
    }

    /**
     * Sends a record already serialized, for a producer of byte arrays (Kafka Streams' record collector serializes
     * itself): no {@link ProducerRecord}, no serializer calls, and the callback alone reports the outcome. A custom
     * partitioner sees the bytes as the key and value. With {@code interceptor.classes} the record goes through
     * {@link #send(ProducerRecord, Callback)} instead, as a record of the bytes, which is what interceptors see under
     * Kafka Streams; the serializers must then pass byte arrays through.
     */
    public void sendSerializedWithCallbackOnly(String topic, Integer partition, long timestamp, byte[] key,
        byte[] value, Header[] headers, Callback callback) {
        requireOpen();
        // What ProducerRecord's constructor checks for send().
        Objects.requireNonNull(topic, "Topic cannot be null.");
        if (timestamp < 0) {
            throw new IllegalArgumentException("Invalid timestamp: " + timestamp
                + ". Timestamp should always be non-negative or null.");
        }
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("Invalid partition: " + partition
                + ". Partition number should always be non-negative or null.");
        }
        if (interceptors != null) {
            @SuppressWarnings("unchecked")
            ProducerRecord<K, V> record = (ProducerRecord<K, V>) new ProducerRecord<>(topic, partition, timestamp, key,
                value, Arrays.asList(headers));
            send(record, callback, false);
            return;
        }
        sendSerialized(topic, partition, timestamp, key, value, key, value, headers, callback, false);
    }

    private Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback, boolean wantFuture) {
        requireOpen();
        if (interceptors == null) {
            return doSend(record, callback, wantFuture);
        }
        ProducerRecord<K, V> intercepted = interceptors.onSend(record);
        try {
            return doSend(intercepted, interceptors.wrap(callback, intercepted.headers()), wantFuture);
        } catch (RuntimeException e) {
            interceptors.onSendError(intercepted, e);
            throw e;
        }
    }

    private Future<RecordMetadata> doSend(ProducerRecord<K, V> record, Callback callback, boolean wantFuture) {
        String topic = record.topic();
        Header[] headers = freeze(record.headers());
        byte[] keyBytes;
        byte[] valueBytes;
        try {
            keyBytes = serialize(keySerializer, topic, record, record.key(), "key");
            valueBytes = serialize(valueSerializer, topic, record, record.value(), "value");
        } catch (ApiException e) {
            // A serializer's own ApiException; a SerializationException is not one, and is thrown.
            return engine.failed(new TopicPartition(topic, knownPartition(record.partition())), e, callback);
        }
        long timestamp = record.timestamp() == null ? log.time().milliseconds() : record.timestamp();
        return sendSerialized(topic, record.partition(), timestamp, record.key(), record.value(), keyBytes,
            valueBytes, headers, callback, wantFuture);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        }
    }

    private Future<RecordMetadata> sendSerialized(String topic, Integer chosenPartition, long timestamp, Object key,
        Object value, byte[] keyBytes, byte[] valueBytes, Header[] headers, Callback callback, boolean wantFuture) {
        ProducerMetadata.TopicInfo info;
        int partition;
        try {
            info = metadata.topic(topic);
            partition = partition(topic, chosenPartition, key, keyBytes, value, valueBytes, info);
        } catch (ApiException e) {
            return engine.failed(new TopicPartition(topic, knownPartition(chosenPartition)), e, callback);
        }
        if (transactions != null) {
            // Outside the try: a fenced producer's ProducerFencedException is thrown (see send's Javadoc).
            transactions.beforeSend(info.partitions()[partition]);
        }
        // The engine reports its own ApiExceptions (too large, buffer exhausted) through the future and callback.
        return engine.send(info.partitions()[partition], timestamp, keyBytes, valueBytes, headers, callback,
            info.maxMessageBytes(), wantFuture);
    }

    private static int knownPartition(Integer chosenPartition) {
        return chosenPartition == null ? RecordMetadata.UNKNOWN_PARTITION : chosenPartition;
    }

    private static Header[] freeze(dev.runnel.common.header.Headers headers) {
        if (headers instanceof RecordHeaders recordHeaders) {
            recordHeaders.setReadOnly();
        }
        return headers.toArray();
    }

    private <T> byte[] serialize(Serializer<T> serializer, String topic, ProducerRecord<K, V> record, T data,
                                 String what) {
        try {
            return serializer.serialize(topic, record.headers(), data);
        } catch (ClassCastException e) {
            throw new SerializationException("Can't convert " + what + " of class " + data.getClass().getName()
                + " to the type expected by " + serializer.getClass().getName() + " specified in " + what
                + ".serializer", e);
        }
    }

    private int partition(String topic, Integer chosen, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                          ProducerMetadata.TopicInfo info) {
        int numPartitions = info.partitionCount();
        if (chosen != null) {
            if (chosen >= numPartitions) {
                throw new IllegalArgumentException("Invalid partition given with record: " + chosen
                    + " is not in the range [0..." + numPartitions + ").");
            }
            return chosen;
        }
        if (partitioner != null) {
            int partition = partitioner.partition(topic, key, keyBytes, value, valueBytes, metadata.cluster());
            if (partition < 0 || partition >= numPartitions) {
                throw new IllegalArgumentException("Partitioner " + partitioner.getClass().getName() + " chose "
                    + "partition " + partition + " of topic " + topic + ", which has " + numPartitions + " partitions");
            }
            return partition;
        }
        return keyBytes == null ? info.nextRoundRobinPartition()
            : BuiltInPartitioner.partitionForKey(keyBytes, numPartitions);
    }

    /** Writes every buffered record now and waits until all of them are acknowledged. */
    @Override
    public void flush() {
        engine.flush();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        throw ClientTelemetry.notEnabled();
    }

    /**
     * Returns the producer's metrics (groups {@code producer-metrics} and {@code producer-topic-metrics}, Kafka's
     * names), computed when read.
     */
    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return metrics.metrics();
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        ClientTelemetry.ignoreMetric(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        ClientTelemetry.ignoreMetric(metric);
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        int count = log.partitionCount(topic);
        List<PartitionInfo> partitions = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            partitions.add(PartitionInfo.embedded(topic, p));
        }
        return partitions;
    }

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    /** Writes what is buffered within {@code timeout}, then releases the log. Records still unwritten then fail. */
    @Override
    public void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            engine.close(timeout);
        } finally {
            closeSerializer(keySerializer);
            closeSerializer(valueSerializer);
            if (partitioner != null) {
                partitioner.close();
            }
            if (interceptors != null) {
                interceptors.close();
            }
            metrics.close();
            log.close();
        }
    }

    private static void closeSerializer(Serializer<?> serializer) {
        try {
            serializer.close();
        } catch (RuntimeException e) {
            throw new KafkaException("Failed to close serializer " + serializer.getClass().getName(), e);
        }
    }
}
