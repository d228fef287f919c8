package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.producer.Callback;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.header.Header;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.Producer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidProducerEpochException;
import dev.runnel.common.errors.ProducerFencedException;
import dev.runnel.streams.errors.TaskMigratedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A stream thread's producer, shared by its tasks' collectors. Under exactly-once it is transactional: the first send
 * after a commit begins a transaction, and {@link #commitTransaction} adds the input offsets to it and commits
 * outputs, changelog writes and offsets together. A fenced transactional producer (its transaction timed out, or a
 * newer producer took its transactional id) fails the thread's calls with {@link TaskMigratedException}; the thread
 * then closes its tasks dirty and {@linkplain #replaceFencedProducer() replaces} the producer before rejoining, as
 * Kafka Streams does. Not thread-safe; owned by one stream thread.
 */
final class StreamsProducer implements AutoCloseable {
    private final Supplier<Producer<byte[], byte[]>> factory;
    private Producer<byte[], byte[]> producer;
    /** The embedded log's producer, for its allocation-free send; {@code null} for another supplier's producer. */
    private KafkaProducer<byte[], byte[]> embedded;
    private final boolean exactlyOnce;
    private boolean transactionInFlight;
    /** Time spent waiting in the producer's flushes and transaction calls, for the thread's blocked time. */
    private long blockedNanos;

    /**
     * Wraps a producer made by {@code factory}, which it closes; under exactly-once the factory's producers must be
     * transactional (call {@link #initTransactions()} before the first send), and a fenced one is replaced by a new one
     * from it.
     */
    StreamsProducer(Supplier<Producer<byte[], byte[]>> factory, boolean exactlyOnce) {
        this.factory = factory;
        this.exactlyOnce = exactlyOnce;
        use(factory.get());
    }

    private void use(Producer<byte[], byte[]> made) {
        producer = made;
        embedded = made instanceof KafkaProducer<byte[], byte[]> kafkaProducer ? kafkaProducer : null;
        transactionInFlight = false;
    }

    /**
     * Under exactly-once, fences any older producer with the same transactional.id and aborts its open transaction;
     * a no-op otherwise.
     */
    void initTransactions() {
        if (exactlyOnce) {
            long start = System.nanoTime();
            try {
                producer.initTransactions();
            } finally {
                blockedNanos += System.nanoTime() - start;
            }
        }
    }

    /**
     * Closes the fenced producer and makes a new one, whose {@code initTransactions} gets a fresh epoch; the thread has
     * closed its tasks dirty, so their unfinished transaction is abandoned (the log aborted it).
     */
    void replaceFencedProducer() {
        producer.close(Duration.ZERO);
        use(factory.get());
        initTransactions();
    }

    /** Sends a serialized record (in the open transaction under exactly-once); {@code callback} reports how. */
    void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Header[] headers,
        Callback callback) {
        try {
            maybeBeginTransaction();
            if (embedded != null) {
                embedded.sendSerializedWithCallbackOnly(topic, partition, timestamp, key, value, headers, callback);
            } else {
                producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value, List.of(headers)),
                    callback);
            }
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw migrated("send a record to " + topic, e);
        }
    }

    private void maybeBeginTransaction() {
        if (exactlyOnce && !transactionInFlight) {
            producer.beginTransaction();
            transactionInFlight = true;
        }
    }

    /** Whether {@code error}, from a send or transaction call, means this producer was fenced. */
    static boolean isFenced(Throwable error) {
        return error instanceof ProducerFencedException || error instanceof InvalidProducerEpochException;
    }

    /** The failure of a call on a fenced producer: its thread's tasks have in effect migrated. */
    static TaskMigratedException migrated(String action, Exception fenced) {
        return new TaskMigratedException("The producer could not " + action + " because it was fenced ("
            + fenced.getMessage() + "); its tasks are closed dirty and rejoin the group", fenced);
    }

    int partitionCount(String topic) {
        return producer.partitionsFor(topic).size();
    }

    void flush() {
        long start = System.nanoTime();
        try {
            producer.flush();
        } finally {
            blockedNanos += System.nanoTime() - start;
        }
    }

    /** Returns how long the thread waited in the producer's flushes and transaction calls, in ns. */
    long blockedNanos() {
        return blockedNanos;
    }

    boolean exactlyOnce() {
        return exactlyOnce;
    }

    /** Commits the open transaction with {@code offsets}; a no-op if there is nothing to commit. */
    void commitTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        if (offsets.isEmpty() && !transactionInFlight) {
            return;
        }
        long start = System.nanoTime();
        try {
            maybeBeginTransaction();
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw migrated("commit its transaction", e);
        } finally {
            blockedNanos += System.nanoTime() - start;
        }
        transactionInFlight = false;
    }

    /** Aborts the open transaction, if any; errors are left to the caller, who is closing dirty anyway. */
    void abortTransaction() {
        if (transactionInFlight) {
            transactionInFlight = false;
            long start = System.nanoTime();
            try {
                producer.abortTransaction();
            } finally {
                blockedNanos += System.nanoTime() - start;
            }
        }
    }

    Map<MetricName, ? extends Metric> metrics() {
        return producer.metrics();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
