package dev.runnel.log.internal;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Time;
import dev.runnel.log.LogConfig;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import dev.runnel.log.internal.cleaner.LogCleaner;
import dev.runnel.log.internal.segment.PartitionLog;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's background duty cycle: retention every {@code log.retention.check.interval.ms}, compaction of dirty
 * compacted partitions every {@code log.cleaner.backoff.ms}, and the abort of timed-out transactions every
 * {@code transaction.abort.timed.out.transaction.cleanup.interval.ms}. Runs on one daemon thread; {@link #doWork}
 * can also be called directly, so tests and operators step it by hand. Appends never wait for it: retention and the
 * cleaner only touch rolled segments.
 */
public final class LogMaintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogMaintenance.class);

    private final RunnelLog log;
    private final RunnelLogConfig config;
    private final Time time;
    private final LogCleaner cleaner;
    private final Thread thread;
    /** Counted down by {@link #close()}: wakes the thread from its pause without interrupting its file I/O. */
    private final CountDownLatch stop = new CountDownLatch(1);
    private long lastRetentionMs;
    private long lastCleaningMs;
    private long lastTransactionCheckMs;

    public LogMaintenance(RunnelLog log, RunnelLogConfig config, Time time) {
        this.log = log;
        this.config = config;
        this.time = time;
        this.cleaner = new LogCleaner(time);
        this.lastRetentionMs = time.milliseconds();
        this.lastCleaningMs = lastRetentionMs;
        this.lastTransactionCheckMs = lastRetentionMs;
        this.thread = new Thread(this::run, "runnel-log-maintenance");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * Runs whatever is due (everything when {@code force}); returns the segments deleted or cleaned. Synchronized so
     * that the background thread and a caller never clean one partition at once.
     */
    public synchronized int doWork(boolean force) {
        long now = time.milliseconds();
        boolean retentionDue = force || now - lastRetentionMs >= config.retentionCheckIntervalMs();
        boolean cleaningDue = force || now - lastCleaningMs >= config.cleanerBackoffMs();
        int work = 0;
        if (force || now - lastTransactionCheckMs >= config.transactionCleanupIntervalMs()) {
            work += log.transactionCoordinator().abortTimedOutTransactions();
            lastTransactionCheckMs = now;
        }
        for (Map.Entry<TopicPartition, PartitionLog> entry : log.partitions().entrySet()) {
            PartitionLog partition = entry.getValue();
            LogConfig topicConfig = log.topicConfig(entry.getKey().topic());
            if (retentionDue) {
                // Also on compact-only topics: this is where replaced segments' files are finally deleted.
                work += partition.deleteRetentionExpiredSegments();
            }
            if (cleaningDue && topicConfig.compact()) {
                work += compact(partition, topicConfig, false);
            }
        }
        if (retentionDue) {
            lastRetentionMs = now;
        }
        if (cleaningDue) {
            lastCleaningMs = now;
        }
        return work;
    }

    /** Cleans one partition if it is dirty enough (always when {@code ignoreDirtyRatio}); returns segments cleaned. */
    public synchronized int compact(PartitionLog partition, LogConfig topicConfig, boolean ignoreDirtyRatio) {
        return cleaner.clean(partition, topicConfig, ignoreDirtyRatio);
    }

    private void run() {
        long pauseMs = Math.min(Math.min(config.retentionCheckIntervalMs(), config.cleanerBackoffMs()),
            config.transactionCleanupIntervalMs());
        while (true) {
            try {
                if (stop.await(pauseMs, TimeUnit.MILLISECONDS)) {
                    return;
                }
                doWork(false);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A topic deleted mid-round or a failing disk: log it once per round and keep the cycle alive.
                LOG.error("Log maintenance round failed in {}: {}", log.dataDir(), e.toString(), e);
            }
        }
    }

    @Override
    public void close() {
        // A signal, not an interrupt: an interrupt during a round would close the channels of the files it writes.
        stop.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
