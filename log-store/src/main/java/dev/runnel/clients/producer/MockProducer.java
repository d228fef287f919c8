package dev.runnel.clients.producer;

import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.producer.internals.BuiltInPartitioner;
import dev.runnel.common.Cluster;
import dev.runnel.common.KafkaException;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.PartitionInfo;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.Uuid;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.utils.ClientTelemetry;
import dev.runnel.common.utils.MockClientMetrics;
import dev.runnel.common.errors.ProducerFencedException;
import dev.runnel.common.serialization.Serializer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Kafka's producer test double: it keeps what is sent in memory instead of writing to a log, so that a unit test can
 * check what its code sends ({@link #history()}) and decide how each send ends. With {@code autoComplete} every send
 * succeeds at once; without it sends stay pending until {@link #completeNext()}, {@link #errorNext} or
 * {@link #flush()}. Offsets count up from 0 per partition. Transactions are simulated: records sent in a transaction
 * join the history when it commits and are dropped when it aborts; {@link #fenceProducer()} makes later calls fail as
 * a fenced producer's would. The public {@code *Exception} fields, when set, make the matching call throw.
 *
 * <pre>{@code
 * MockProducer<String, String> producer =
 *     new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
 * new ClickRecorder(producer).record("alice", "/home");
 * assertEquals(List.of(new ProducerRecord<>("clicks", "alice", "/home")), producer.history());
 * }</pre>
 *
 * <p>Thread-safe: every method synchronizes on the producer.
 */
public class MockProducer<K, V> implements Producer<K, V> {
    public RuntimeException initTransactionException;
    public RuntimeException beginTransactionException;
    public RuntimeException sendOffsetsToTransactionException;
    public RuntimeException commitTransactionException;
    public RuntimeException abortTransactionException;
    public RuntimeException sendException;
    public RuntimeException flushException;
    public RuntimeException partitionsForException;
    public RuntimeException closeException;

    private final Cluster cluster;
    private final boolean autoComplete;
    private final Partitioner partitioner;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final BuiltInPartitioner roundRobin = new BuiltInPartitioner();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final ArrayDeque<Completion> pending = new ArrayDeque<>();
    private final List<ProducerRecord<K, V>> sent = new ArrayList<>();
    private final List<ProducerRecord<K, V>> uncommittedSends = new ArrayList<>();
    private final List<Map<String, Map<TopicPartition, OffsetAndMetadata>>> consumerGroupOffsets = new ArrayList<>();
    private Map<String, Map<TopicPartition, OffsetAndMetadata>> uncommittedOffsets = new HashMap<>();
    private boolean closed;
    private Uuid clientInstanceId;
    private final MockClientMetrics mockMetrics = new MockClientMetrics();
    private boolean fenced;
    private boolean flushed;
    private boolean transactionInitialized;
    private boolean transactionInFlight;
    private boolean transactionCommitted;
    private boolean transactionAborted;
    private boolean sentOffsets;
    private long commitCount;

    /** One send waiting for {@link #completeNext()} or {@link #errorNext}. */
    private record Completion(TopicPartition tp, RecordMetadata metadata, CompletableFuture<RecordMetadata> future,
                              Callback callback) {
        void complete(RuntimeException error) {
            if (callback != null) {
                callback.onCompletion(error == null ? metadata
                    : new RecordMetadata(tp, -1, -1, -1, -1), error);
            }
            if (error == null) {
                future.complete(metadata);
            } else {
                future.completeExceptionally(error);
            }
        }
    }

    /**
     * Creates a mock producer.
     *
     * @param cluster the topics and partitions that partitioning sees; a record for a topic it lacks goes to
     *     partition 0 unless the record names one
     * @param autoComplete whether each send succeeds at once rather than waiting for {@link #completeNext()}
     * @param partitioner the partitioner, or null for the producer's default (murmur2 of the key, else round-robin)
     * @param keySerializer serializes keys for partitioning and to surface serialization errors; may be null
     * @param valueSerializer as {@code keySerializer}, for values
     */
    public MockProducer(Cluster cluster, boolean autoComplete, Partitioner partitioner, Serializer<K> keySerializer,
                        Serializer<V> valueSerializer) {
        this.cluster = cluster;
        this.autoComplete = autoComplete;
        this.partitioner = partitioner;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
    }

    public MockProducer(boolean autoComplete, Partitioner partitioner, Serializer<K> keySerializer,
                        Serializer<V> valueSerializer) {
        this(Cluster.empty(), autoComplete, partitioner, keySerializer, valueSerializer);
    }

    /** Creates a producer without auto-completion, partitioner or serializers. */
    public MockProducer() {
        this(Cluster.empty(), false, null, null, null);
    }

    @Override
    public synchronized void initTransactions() {
        verifyNotClosed();
        verifyNotFenced();
        throwIfSet(initTransactionException);
        transactionInitialized = true;
        transactionInFlight = false;
        transactionCommitted = false;
        transactionAborted = false;
        sentOffsets = false;
    }

    @Override
    public synchronized void beginTransaction() {
        verifyTransactionsInitialized();
        throwIfSet(beginTransactionException);
        if (transactionInFlight) {
            throw new IllegalStateException("Transaction already started");
        }
        transactionInFlight = true;
        transactionCommitted = false;
        transactionAborted = false;
        sentOffsets = false;
    }

    @Override
    public synchronized void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                                      ConsumerGroupMetadata groupMetadata) {
        verifyTransactionInFlight();
        throwIfSet(sendOffsetsToTransactionException);
        if (offsets.isEmpty()) {
            return;
        }
        uncommittedOffsets.computeIfAbsent(groupMetadata.groupId(), g -> new HashMap<>()).putAll(offsets);
        sentOffsets = true;
    }

    @Override
    public synchronized void commitTransaction() {
        verifyTransactionInFlight();
        throwIfSet(commitTransactionException);
        flush();
        sent.addAll(uncommittedSends);
        if (!uncommittedOffsets.isEmpty()) {
            consumerGroupOffsets.add(uncommittedOffsets);
        }
        endTransaction(true);
        commitCount++;
    }

    @Override
    public synchronized void abortTransaction() {
        verifyTransactionInFlight();
        throwIfSet(abortTransactionException);
        flush();
        endTransaction(false);
    }

    private void endTransaction(boolean committed) {
        uncommittedSends.clear();
        uncommittedOffsets = new HashMap<>();
        transactionCommitted = committed;
        transactionAborted = !committed;
        transactionInFlight = false;
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    /**
     * Records the send and completes it now (with {@code autoComplete}) or when the test says. Throws
     * {@link #sendException} if set, and a {@link KafkaException} caused by {@link ProducerFencedException} once
     * fenced.
     */
    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        verifyNotClosed();
        if (fenced) {
            throw new KafkaException("MockProducer is fenced.", new ProducerFencedException("Fenced"));
        }
        throwIfSet(sendException);
        byte[] keyBytes = keySerializer == null ? null : keySerializer.serialize(record.topic(), record.key());
        byte[] valueBytes = valueSerializer == null ? null
            : valueSerializer.serialize(record.topic(), record.value());
        TopicPartition tp = new TopicPartition(record.topic(), partition(record, keyBytes, valueBytes));
        long offset = nextOffsets.merge(tp, 1L, Long::sum) - 1;
        Completion completion = new Completion(tp, new RecordMetadata(tp, offset, -1, 0, 0),
            new CompletableFuture<>(), callback);
        (transactionInFlight ? uncommittedSends : sent).add(record);
        if (autoComplete) {
            completion.complete(null);
        } else {
            pending.addLast(completion);
        }
        return completion.future();
    }

    private int partition(ProducerRecord<K, V> record, byte[] keyBytes, byte[] valueBytes) {
        int count = cluster.partitionsForTopic(record.topic()).size();
        if (record.partition() != null) {
            if (count > 0 && record.partition() >= count) {
                throw new IllegalArgumentException("Invalid partition given with record: " + record.partition()
                    + " is not in the range [0..." + count + ").");
            }
            return record.partition();
        }
        if (count == 0) {
            return 0;
        }
        if (partitioner != null) {
            return partitioner.partition(record.topic(), record.key(), keyBytes, record.value(), valueBytes, cluster);
        }
        return keyBytes == null ? roundRobin.nextPartition(record.topic(), count)
            : BuiltInPartitioner.partitionForKey(keyBytes, count);
    }

    /** Completes every pending send successfully; throws {@link #flushException} if set. */
    @Override
    public synchronized void flush() {
        verifyNotClosed();
        throwIfSet(flushException);
        flushed = true;
        while (completeNext()) {
            // each call completes one send
        }
    }

    /** Completes the oldest pending send successfully; returns false if none was pending. */
    public synchronized boolean completeNext() {
        return errorNext(null);
    }

    /** Fails the oldest pending send with {@code e} (null succeeds it); returns false if none was pending. */
    public synchronized boolean errorNext(RuntimeException e) {
        Completion completion = pending.pollFirst();
        if (completion == null) {
            return false;
        }
        completion.complete(e);
        return true;
    }

    /** Returns the partitions of {@code topic} in the cluster given at construction. */
    /** Sets the id {@link #clientInstanceId} returns. */
    public synchronized void setClientInstanceId(Uuid clientInstanceId) {
        this.clientInstanceId = clientInstanceId;
    }

    /** Returns the id given to {@link #setClientInstanceId}; throws {@code UnsupportedOperationException} before. */
    @Override
    public synchronized Uuid clientInstanceId(Duration timeout) {
        return ClientTelemetry.mockInstanceId(clientInstanceId);
    }

    /** Returns the metrics given to {@link #setMockMetrics}; none at first, as Kafka's mock. */
    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return mockMetrics.metrics();
    }

    /** Sets a metric {@link #metrics()} returns, for a test. */
    public void setMockMetrics(MetricName name, Metric metric) {
        mockMetrics.set(name, metric);
    }

    /** Keeps {@code metric} for {@link #addedMetrics()}. */
    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        mockMetrics.register(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        mockMetrics.unregister(metric);
    }

    /** Returns the metrics registered for subscription and not unregistered since. */
    public List<KafkaMetric> addedMetrics() {
        return mockMetrics.added();
    }

    @Override
    public synchronized List<PartitionInfo> partitionsFor(String topic) {
        throwIfSet(partitionsForException);
        return cluster.partitionsForTopic(topic);
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    @Override
    public synchronized void close(Duration timeout) {
        throwIfSet(closeException);
        closed = true;
    }

    public synchronized boolean closed() {
        return closed;
    }

    /** Makes every later transactional call throw {@link ProducerFencedException}, as after a newer producer's init. */
    public synchronized void fenceProducer() {
        verifyNotClosed();
        verifyTransactionsInitialized();
        fenced = true;
    }

    public synchronized boolean transactionInitialized() {
        return transactionInitialized;
    }

    public synchronized boolean transactionInFlight() {
        return transactionInFlight;
    }

    public synchronized boolean transactionCommitted() {
        return transactionCommitted;
    }

    public synchronized boolean transactionAborted() {
        return transactionAborted;
    }

    public synchronized boolean flushed() {
        return flushed;
    }

    public synchronized boolean sentOffsets() {
        return sentOffsets;
    }

    public synchronized long commitCount() {
        return commitCount;
    }

    /** Returns the records sent so far, outside transactions or in committed ones, in send order. */
    public synchronized List<ProducerRecord<K, V>> history() {
        return new ArrayList<>(sent);
    }

    /** Returns the records sent in the open transaction. */
    public synchronized List<ProducerRecord<K, V>> uncommittedRecords() {
        return new ArrayList<>(uncommittedSends);
    }

    /** Returns, per committed transaction that sent offsets, the offsets by group id. */
    public synchronized List<Map<String, Map<TopicPartition, OffsetAndMetadata>>> consumerGroupOffsetsHistory() {
        return new ArrayList<>(consumerGroupOffsets);
    }

    /** Returns the offsets sent in the open transaction, by group id. */
    public synchronized Map<String, Map<TopicPartition, OffsetAndMetadata>> uncommittedOffsets() {
        return new HashMap<>(uncommittedOffsets);
    }

    /** Forgets the history, pending sends and committed offsets. */
    public synchronized void clear() {
        sent.clear();
        uncommittedSends.clear();
        pending.clear();
        consumerGroupOffsets.clear();
        uncommittedOffsets = new HashMap<>();
    }

    private void verifyNotClosed() {
        if (closed) {
            throw new IllegalStateException("MockProducer is already closed.");
        }
    }

    private void verifyNotFenced() {
        if (fenced) {
            throw new ProducerFencedException("MockProducer is fenced.");
        }
    }

    private void verifyTransactionsInitialized() {
        verifyNotClosed();
        verifyNotFenced();
        if (!transactionInitialized) {
            throw new IllegalStateException("MockProducer hasn't been initialized for transactions.");
        }
    }

    private void verifyTransactionInFlight() {
        verifyTransactionsInitialized();
        if (!transactionInFlight) {
            throw new IllegalStateException("There is no open transaction.");
        }
    }

    private static void throwIfSet(RuntimeException exception) {
        if (exception != null) {
            throw exception;
        }
    }
}
