package dev.runnel.clients.producer.internals;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.RetriableException;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.segment.AppendInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's I/O thread: drains ready batches, builds them (compression and CRC happen here, off the caller's
 * thread), appends them to the log and, with {@code acks=all}, fsyncs each touched partition once for the whole
 * round before completing the futures. That single fsync per round is the group commit. An idempotent producer's
 * batches are stamped with its producer id, epoch and sequence just before they are built; an append that fails with
 * a {@link RetriableException} is retried with the same bytes, which the log writes at most once.
 */
final class Sender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    private final RunnelLog log;
    private final RecordAccumulator accumulator;
    private final boolean fsync;
    private final TransactionManager transactions;
    private final int retries;
    private final ProducerMetrics metrics;

    /** {@code transactions} is null without idempotence. */
    Sender(RunnelLog log, RecordAccumulator accumulator, boolean fsync, TransactionManager transactions, int retries,
           ProducerMetrics metrics) {
        this.log = log;
        this.accumulator = accumulator;
        this.fsync = fsync;
        this.transactions = transactions;
        this.retries = retries;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        while (true) {
            List<ProducerBatch> batches = accumulator.drain();
            if (!batches.isEmpty()) {
                write(batches);
            } else if (accumulator.isClosing() && !accumulator.hasIncomplete()) {
                return;
            } else if (Thread.currentThread().isInterrupted()) {
                return;
            } else {
                accumulator.awaitWork();
            }
        }
    }

    private void write(List<ProducerBatch> batches) {
        if (transactions != null) {
            try {
                transactions.registerNewPartitions();
            } catch (RuntimeException e) {
                for (ProducerBatch batch : batches) {
                    transactions.onBatchFailed(batch, e);
                    fail(batch, e);
                }
                return;
            }
        }
        long startNanos = log.time().nanoseconds();
        int recordsAppended = 0;
        List<ProducerBatch> appended = new ArrayList<>(batches.size());
        List<AppendInfo> infos = new ArrayList<>(batches.size());
        Map<TopicPartition, Long> flushUpTo = new HashMap<>();
        for (ProducerBatch batch : batches) {
            try {
                AppendInfo info = append(batch);
                appended.add(batch);
                infos.add(info);
                recordsAppended += batch.recordCount();
                flushUpTo.merge(batch.topicPartition(), info.lastOffset() + 1, Math::max);
            } catch (RuntimeException e) {
                if (transactions != null) {
                    transactions.onBatchFailed(batch, e);
                }
                fail(batch, e);
            }
        }
        // A transaction's records are made durable by its commit, before the commit is decided (see
        // TransactionCoordinator), which spares an fsync per request: until then they are invisible to read_committed
        // consumers, and a crash aborts them.
        if (fsync && (transactions == null || !transactions.isTransactional())) {
            for (Map.Entry<TopicPartition, Long> entry : flushUpTo.entrySet()) {
                try {
                    log.partition(entry.getKey()).flush(entry.getValue());
                } catch (RuntimeException e) {
                    LOG.error("Cannot fsync partition {}; failing its batches", entry.getKey(), e);
                    failPartition(appended, infos, entry.getKey(), e);
                }
            }
        }
        long nowMs = log.time().milliseconds();
        metrics.recordRequest(recordsAppended, (log.time().nanoseconds() - startNanos) / 1_000_000.0, nowMs);
        for (int i = 0; i < appended.size(); i++) {
            ProducerBatch batch = appended.get(i);
            AppendInfo info = infos.get(i);
            if (info != null) {
                metrics.recordBatchSent(batch, nowMs);
                finish(batch, () -> batch.complete(info.firstOffset(), info.logAppendTime()));
            }
        }
    }

    /** Appends the batch, stamped first when idempotent, retrying the same bytes after a retriable error. */
    AppendInfo append(ProducerBatch batch) {
        if (transactions != null && batch.baseSequence() < 0) {
            transactions.stamp(batch);
        }
        ByteBuffer built = batch.build();
        for (int attempt = 0; ; attempt++) {
            try {
                return log.append(batch.topicPartition(), built.duplicate());
            } catch (RetriableException e) {
                if (attempt >= retries) {
                    throw e;
                }
                metrics.recordRetry(batch);
                LOG.debug("Retrying the append of a batch to {} after: {}", batch.topicPartition(), e.toString());
            }
        }
    }

    private void failPartition(List<ProducerBatch> appended, List<AppendInfo> infos, TopicPartition tp,
                               RuntimeException error) {
        for (int i = 0; i < appended.size(); i++) {
            ProducerBatch batch = appended.get(i);
            if (batch.topicPartition().equals(tp) && infos.get(i) != null) {
                infos.set(i, null);
                fail(batch, error);
            }
        }
    }

    private void fail(ProducerBatch batch, RuntimeException error) {
        metrics.recordBatchFailed(batch);
        finish(batch, () -> batch.fail(error));
    }

    private void finish(ProducerBatch batch, Runnable completion) {
        try {
            completion.run();
        } finally {
            accumulator.deallocate(batch);
        }
    }
}
