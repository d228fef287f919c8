package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.DeleteRecordsResult;
import dev.runnel.clients.admin.RecordsToDelete;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Time;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the records of repartition topics that a stream thread's tasks have committed, as Kafka Streams does: at
 * most every {@code repartition.purge.interval.ms} it asks the admin client to delete each repartition source
 * partition's records below its committed offset. A commit under exactly-once returns only once its transaction has
 * committed, so only offsets of committed transactions are purged. One request is out at a time; a failed one is
 * logged, and the next interval sends a new one, so a failure never stops the thread. The admin client opens at the
 * first purge and closes with the thread. Not thread-safe; owned by one stream thread.
 *
 * <p>The thread asks on every loop rather than only after a commit: a purge skipped while an earlier request was
 * still out (a slow fsync) would otherwise wait for the next commit, which never comes once the input goes quiet.
 * Offsets already requested are not requested again.
 */
final class RepartitionPurger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RepartitionPurger.class);

    private final String threadId;
    private final Supplier<Admin> adminFactory;
    private final Predicate<String> isRepartitionTopic;
    private final Time time;
    private final long intervalMs;
    /** Opened by the stream thread at the first purge; volatile for {@link #adminMetrics()}. */
    private volatile Admin admin;
    private DeleteRecordsResult pending;
    /** The repartition offsets of the last request. */
    private Map<TopicPartition, Long> requested = Map.of();
    private long lastPurgeMs;

    /**
     * Creates the purger of {@code threadId}; {@code adminFactory} opens the admin client, {@code isRepartitionTopic}
     * tells repartition topics from the other source topics, and the first purge comes one interval from now.
     */
    RepartitionPurger(String threadId, Supplier<Admin> adminFactory, Predicate<String> isRepartitionTopic, Time time,
        long intervalMs) {
        this.threadId = threadId;
        this.adminFactory = adminFactory;
        this.isRepartitionTopic = isRepartitionTopic;
        this.time = time;
        this.intervalMs = intervalMs;
        this.lastPurgeMs = time.milliseconds();
    }

    /** Returns the admin client's metrics; none before the first purge opens it. */
    Map<MetricName, ? extends Metric> adminMetrics() {
        Admin current = admin;
        return current == null ? Map.of() : current.metrics();
    }

    /**
     * Purges the repartition partitions among {@code committedOffsets} (the tasks' last committed offsets, by input
     * partition, read only when a purge is due) below those offsets, if an interval has passed since the last request,
     * no earlier request is still pending, and the offsets moved since it (or it failed).
     */
    void maybePurge(Supplier<Map<TopicPartition, Long>> committedOffsets) {
        long nowMs = time.milliseconds();
        if (nowMs - lastPurgeMs < intervalMs || pending != null && !pending.all().isDone()) {
            return;
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committedOffsets.get().forEach((tp, offset) -> {
            if (isRepartitionTopic.test(tp.topic())) {
                offsets.put(tp, offset);
            }
        });
        boolean lastFailed = pending != null && pending.all().isCompletedExceptionally();
        if (offsets.isEmpty() || offsets.equals(requested) && !lastFailed) {
            return;
        }
        lastPurgeMs = nowMs;
        requested = offsets;
        Map<TopicPartition, RecordsToDelete> toDelete = new HashMap<>();
        offsets.forEach((tp, offset) -> toDelete.put(tp, RecordsToDelete.beforeOffset(offset)));
        if (admin == null) {
            admin = adminFactory.get();
        }
        pending = admin.deleteRecords(toDelete);
        pending.all().whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("Stream thread {} could not purge the committed records of repartition topics {}; it tries "
                    + "again in {} ms: {}", threadId, toDelete, intervalMs, error.toString());
            } else {
                LOG.debug("Stream thread {} purged repartition topics below {}", threadId, toDelete);
            }
        });
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
