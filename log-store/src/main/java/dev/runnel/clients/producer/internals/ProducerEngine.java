package dev.runnel.clients.producer.internals;

import dev.runnel.clients.producer.Callback;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.KafkaException;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.ApiException;
import dev.runnel.common.errors.InterruptException;
import dev.runnel.common.errors.RecordTooLargeException;
import dev.runnel.common.header.Header;
import dev.runnel.common.metrics.Metrics;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.record.RecordBatch;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * The byte-level half of a producer, below serialization and partitioning: size checks, the accumulator and the
 * sender thread. Thread-safe.
 */
public final class ProducerEngine {
    /** A record's framing in a batch at most: length, attributes, deltas and key/value lengths as varints. */
    private static final int RECORD_OVERHEAD_BOUND = 21;

    private final ProducerSettings settings;
    private final RecordAccumulator accumulator;
    private final Thread senderThread;
    private final TransactionManager transactions;
    private final ProducerMetrics metrics;

    /** Starts the sender thread of producer {@code clientId}, which records into {@code metrics}. */
    public ProducerEngine(RunnelLog log, ProducerSettings settings, String clientId, Metrics metrics) {
        this.settings = settings;
        BufferMemory memory = new BufferMemory(settings.bufferMemory());
        this.metrics = new ProducerMetrics(metrics, clientId, memory);
        this.accumulator = new RecordAccumulator(settings.batchSize(), settings.lingerMs(), settings.compression(),
            settings.acks() != 0, memory, log.time());
        if (settings.transactionalId() != null) {
            this.transactions = TransactionManager.transactional(settings.transactionalId(),
                settings.transactionTimeoutMs(), log.transactionCoordinator());
        } else {
            this.transactions = settings.idempotent() ? TransactionManager.idempotent(log.transactionCoordinator())
                : null;
        }
        this.senderThread = new Thread(new Sender(log, accumulator, settings.acks() == -1, transactions,
            settings.retries(), this.metrics), "runnel-producer-network-thread | " + clientId);
        this.senderThread.setDaemon(true);
        this.senderThread.start();
    }

    /**
     * Queues serialized bytes for {@code tp} in batches of at most {@code batchLimit} bytes (the topic's
     * {@code max.message.bytes}, so that the log never refuses a batch for the records gathered in it). As in Kafka,
     * an {@link ApiException} raised while queuing (an oversized record, a {@code buffer.memory} still full after
     * {@code max.block.ms}) fails the returned future and reaches the callback; an interrupt while waiting for memory
     * is thrown as an {@link InterruptException}.
     */
    public Future<RecordMetadata> send(TopicPartition tp, long timestamp, byte[] key, byte[] value, Header[] headers,
                                       Callback callback, int batchLimit) {
        return send(tp, timestamp, key, value, headers, callback, batchLimit, true);
    }

    /**
     * Like {@link #send(TopicPartition, long, byte[], byte[], Header[], Callback, int)}; without {@code wantFuture}
     * the returned future is a placeholder that must not be used, and the callback alone reports the outcome.
     */
    public Future<RecordMetadata> send(TopicPartition tp, long timestamp, byte[] key, byte[] value, Header[] headers,
                                       Callback callback, int batchLimit, boolean wantFuture) {
        int size = estimateSize(key, value, headers);
        if (size > settings.maxRequestSize() || size > settings.bufferMemory()) {
            String limitName = size > settings.maxRequestSize() ? "max.request.size" : "buffer.memory";
            long limit = size > settings.maxRequestSize() ? settings.maxRequestSize() : settings.bufferMemory();
            return failed(tp, new RecordTooLargeException("The message is " + size + " bytes when serialized which is "
                + "larger than " + limit + ", which is the value of the " + limitName + " configuration."), callback);
        }
        try {
            return accumulator.append(tp, timestamp, key, value, headers, callback, size, batchLimit,
                settings.maxBlockMs(), wantFuture);
        } catch (ApiException e) {
            // BufferExhaustedException: nothing was queued, so the record fails alone, as in Kafka's send.
            return failed(tp, e, callback);
        }
    }

    /**
     * Fails a record that was not queued: its callback gets {@code error}, as does the returned future, and the
     * record counts as an error in the metrics.
     */
    public Future<RecordMetadata> failed(TopicPartition tp, RuntimeException error, Callback callback) {
        metrics.recordSendFailed(tp.topic());
        if (callback != null) {
            callback.onCompletion(new RecordMetadata(tp, -1, -1, -1, -1), error);
        }
        return FutureRecordMetadata.failed(tp, error);
    }

    private static int estimateSize(byte[] key, byte[] value, Header[] headers) {
        int size = RecordBatch.HEADER_SIZE + RECORD_OVERHEAD_BOUND + (key == null ? 0 : key.length)
            + (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += 10 + header.key().length() * 3 + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    /** The producer's idempotence and transaction state, or null when idempotence is off. */
    public TransactionManager transactions() {
        return transactions;
    }

    public void flush() {
        accumulator.flush();
    }

    /** Writes what is buffered, waiting at most {@code timeout}; whatever is left then fails. */
    public void close(Duration timeout) {
        accumulator.beginClose();
        try {
            senderThread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("Interrupted while closing the producer", e);
        } finally {
            if (senderThread.isAlive()) {
                senderThread.interrupt();
                accumulator.abortIncomplete(new KafkaException("Producer is closed forcefully."));
            }
        }
    }
}
