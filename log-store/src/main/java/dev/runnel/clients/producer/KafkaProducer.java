package dev.runnel.clients.producer;

import dev.runnel.clients.internal.ClientConfig;
import dev.runnel.clients.producer.internals.BuiltInPartitioner;
import dev.runnel.clients.producer.internals.ProducerEngine;
import dev.runnel.clients.producer.internals.ProducerMetadata;
import dev.runnel.clients.producer.internals.ProducerSettings;
import dev.runnel.common.KafkaException;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.ApiException;
import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends records to the embedded log, as Kafka's producer sends them to a cluster. Records are batched per partition
 * ({@code batch.size}, {@code linger.ms}), compressed ({@code compression.type}) and written by a background thread;
 * {@code acks=all} (the default) acknowledges a record only once it is fsynced. Thread-safe: share one producer
 * between threads.
 *
 * <pre>{@code
 * Map<String, Object> config = Map.of("log.dir", "runnel-data");
 * try (Producer<String, String> producer =
 *          new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
 *     RecordMetadata metadata = producer.send(new ProducerRecord<>("clicks", "alice", "/home")).get();
 * }
 * }</pre>
 */
public class KafkaProducer<K, V> implements Producer<K, V> {
    private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger(1);

    private final RunnelLog log;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Partitioner partitioner;
    private final ProducerEngine engine;
    private final ProducerMetadata metadata;
    private volatile boolean closed;

    public KafkaProducer(Map<String, Object> configs) {
        this(configs, null, null);
    }

    public KafkaProducer(Properties properties) {
        this(ClientConfig.toMap(properties), null, null);
    }

    public KafkaProducer(Properties properties, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(ClientConfig.toMap(properties), keySerializer, valueSerializer);
    }

    @SuppressWarnings("unchecked")
    public KafkaProducer(Map<String, Object> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        ClientConfig config = new ClientConfig(configs, ProducerConfig.KEYS, "producer");
        ProducerSettings settings = ProducerSettings.parse(config);
        this.keySerializer = keySerializer != null ? keySerializer
            : required(config.instance(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, Serializer.class),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        this.valueSerializer = valueSerializer != null ? valueSerializer
            : required(config.instance(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, Serializer.class),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        this.keySerializer.configure(configs, true);
        this.valueSerializer.configure(configs, false);
        this.partitioner = config.instance(ProducerConfig.PARTITIONER_CLASS_CONFIG, Partitioner.class);
        if (partitioner != null) {
            partitioner.configure(configs);
        }
        this.log = RunnelLog.open(RunnelLogConfig.parse(configs));
        String clientId = settings.clientId().isEmpty() ? "producer-" + CLIENT_SEQUENCE.getAndIncrement()
            : settings.clientId();
        this.metadata = new ProducerMetadata(log);
        this.engine = new ProducerEngine(log, settings, "runnel-producer-network-thread | " + clientId);
    }

    @SuppressWarnings("rawtypes")
    private static Serializer required(Serializer serializer, String key) {
        if (serializer == null) {
            throw new dev.runnel.common.errors.InvalidConfigurationException("Missing required configuration \"" + key
                + "\" which has no default value; pass a serializer to the constructor or set " + key);
        }
        return serializer;
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    /**
     * Queues the record and returns at once. Errors that concern only this record (an unknown topic, a record too
     * large) are reported through the future and the callback; a serialization failure is thrown.
     */
    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        if (closed) {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        }
        String topic = record.topic();
        Header[] headers = freeze(record.headers());
        byte[] keyBytes = serialize(keySerializer, topic, record, record.key(), "key");
        byte[] valueBytes = serialize(valueSerializer, topic, record, record.value(), "value");
        ProducerMetadata.TopicInfo info;
        try {
            info = metadata.topic(topic);
        } catch (ApiException e) {
            int known = record.partition() == null ? RecordMetadata.UNKNOWN_PARTITION : record.partition();
            return ProducerEngine.failed(new TopicPartition(topic, known), e, callback);
        }
        int partition = partition(record, keyBytes, valueBytes, info);
        long timestamp = record.timestamp() == null ? log.time().milliseconds() : record.timestamp();
        return engine.send(info.partitions()[partition], timestamp, keyBytes, valueBytes, headers, callback,
            info.maxMessageBytes());
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

    private int partition(ProducerRecord<K, V> record, byte[] keyBytes, byte[] valueBytes,
                          ProducerMetadata.TopicInfo info) {
        String topic = record.topic();
        int numPartitions = info.partitionCount();
        if (record.partition() != null) {
            if (record.partition() >= numPartitions) {
                throw new IllegalArgumentException("Invalid partition given with record: " + record.partition()
                    + " is not in the range [0..." + numPartitions + ").");
            }
            return record.partition();
        }
        if (partitioner != null) {
            return partitioner.partition(topic, record.key(), keyBytes, record.value(), valueBytes, numPartitions);
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
