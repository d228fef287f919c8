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
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stream thread's producer, shared by its tasks' collectors. Under exactly-once it is transactional: the first send
 * after a commit begins a transaction, and {@link #commitTransaction} adds the input offsets to it and commits
 * outputs, changelog writes and offsets together. Not thread-safe; owned by one stream thread.
 */
final class StreamsProducer implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    /** The embedded log's producer, for its allocation-free send; {@code null} for another supplier's producer. */
    private final KafkaProducer<byte[], byte[]> embedded;
    private final boolean exactlyOnce;
    private boolean transactionInFlight;
    /** Time spent waiting in the producer's flushes and transaction calls, for the thread's blocked time. */
    private long blockedNanos;

    /** Wraps {@code producer}, which it closes; under exactly-once it must be transactional. */
    StreamsProducer(Producer<byte[], byte[]> producer, boolean exactlyOnce) {
        this.producer = producer;
        this.embedded = producer instanceof KafkaProducer<byte[], byte[]> kafkaProducer ? kafkaProducer : null;
        this.exactlyOnce = exactlyOnce;
        if (exactlyOnce) {
            // Fences an older producer with the same transactional.id and aborts its open transaction.
            long start = System.nanoTime();
            producer.initTransactions();
            blockedNanos += System.nanoTime() - start;
        }
    }

    /** Sends a serialized record (in the open transaction under exactly-once); {@code callback} reports how. */
    void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Header[] headers,
        Callback callback) {
        maybeBeginTransaction();
        if (embedded != null) {
            embedded.sendSerializedWithCallbackOnly(topic, partition, timestamp, key, value, headers, callback);
        } else {
            producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value, List.of(headers)), callback);
        }
    }

    private void maybeBeginTransaction() {
        if (exactlyOnce && !transactionInFlight) {
            producer.beginTransaction();
            transactionInFlight = true;
        }
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
        maybeBeginTransaction();
        long start = System.nanoTime();
        try {
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
            producer.commitTransaction();
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
