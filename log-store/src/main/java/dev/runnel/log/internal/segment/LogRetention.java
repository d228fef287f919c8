package dev.runnel.log.internal.segment;

import dev.runnel.common.TopicPartition;
import dev.runnel.log.LogConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes segments from the front of a {@link PartitionLog}: picks those that retention or an advanced log start offset
 * leaves behind, takes them out of the segment map, renames their files to .deleted and deletes them once
 * {@code file.delete.delay.ms} has passed; also keeps the log-start-offset checkpoint. Not thread-safe: callers hold
 * the owning PartitionLog's append lock, or are its constructor and {@code open} before the log is handed out. The
 * log start offset itself stays in PartitionLog, which reads it on every fetch.
 */
final class LogRetention {
    private static final Logger LOG = LoggerFactory.getLogger(LogRetention.class);

    private record PendingDelete(LogSegment segment, long deleteAtMs) {
    }

    private final TopicPartition topicPartition;
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final OffsetCheckpoint startOffsetCheckpoint;
    private final List<PendingDelete> pendingDeletes = new ArrayList<>();

    LogRetention(TopicPartition topicPartition, ConcurrentSkipListMap<Long, LogSegment> segments,
                 OffsetCheckpoint startOffsetCheckpoint) {
        this.topicPartition = topicPartition;
        this.segments = segments;
        this.startOffsetCheckpoint = startOffsetCheckpoint;
    }

    /**
     * The log start offset after a restart: the first segment's base offset, or the checkpointed start offset that
     * deleteRecords advanced into or past it, but never past the log end.
     */
    long loadLogStartOffset(long logEndOffset) throws IOException {
        long start = Math.max(segments.firstKey(), startOffsetCheckpoint.read());
        if (start > logEndOffset) {
            LOG.warn("The checkpointed log start offset {} of partition {} is past its log end offset {} after "
                + "recovery; starting the log at {}", start, topicPartition, logEndOffset, logEndOffset);
            return logEndOffset;
        }
        return start;
    }

    /** Writes {@code logStartOffset} to the log-start-offset file; the caller has flushed the offsets below it. */
    void checkpointLogStartOffset(long logStartOffset) throws IOException {
        startOffsetCheckpoint.write(logStartOffset);
    }

    /**
     * Returns the segments to delete from the front of the log while they are expired ({@code retention.ms}) or the
     * log of {@code totalBytes} exceeds {@code retention.bytes} by at least the segment's size; the list ends with
     * {@code active} only if that is non-empty and due, and then the caller rolls before removing it.
     */
    List<LogSegment> expiredSegments(LogConfig c, long nowMs, long totalBytes, LogSegment active) throws IOException {
        long total = totalBytes;
        List<LogSegment> doomed = new ArrayList<>();
        for (LogSegment segment : segments.values()) {
            int size = segment.sizeInBytes();
            if (size == 0) {
                // An empty active segment is where the log goes on; an empty rolled one (compaction can leave one)
                // holds nothing and must not shield the segments behind it from retention.
                if (segment == active) {
                    break;
                }
                doomed.add(segment);
                continue;
            }
            boolean expired = c.retentionMs() >= 0 && nowMs - segment.largestTimestamp() > c.retentionMs();
            boolean oversized = c.retentionBytes() >= 0 && total - c.retentionBytes() >= size;
            if (!(expired || oversized)) {
                break;
            }
            doomed.add(segment);
            total -= size;
        }
        return doomed;
    }

    /** Removes the segments whose successor starts at or below {@code logStartOffset}; never the active segment. */
    int deleteSegmentsBelow(long logStartOffset, long deleteAtMs) throws IOException {
        List<LogSegment> doomed = new ArrayList<>();
        for (LogSegment segment : segments.values()) {
            Long next = segments.higherKey(segment.baseOffset());
            if (next == null || next > logStartOffset) {
                break;
            }
            doomed.add(segment);
        }
        removeSegments(doomed, deleteAtMs);
        return doomed.size();
    }

    void removeSegments(List<LogSegment> doomed, long deleteAtMs) throws IOException {
        for (LogSegment segment : doomed) {
            segments.remove(segment.baseOffset());
            scheduleDeletion(segment, deleteAtMs);
        }
    }

    /** Renames the segment's files to .deleted and deletes them at {@code deleteAtMs}; leaves the segment map alone. */
    void scheduleDeletion(LogSegment segment, long deleteAtMs) throws IOException {
        segment.changeFileSuffixes("", PartitionLog.DELETED_SUFFIX);
        pendingDeletes.add(new PendingDelete(segment, deleteAtMs));
    }

    /** Deletes the .deleted files that are due at {@code nowMs}, or all of them. */
    void deletePendingFiles(long nowMs, boolean all) throws IOException {
        for (Iterator<PendingDelete> it = pendingDeletes.iterator(); it.hasNext(); ) {
            PendingDelete pending = it.next();
            if (all || nowMs >= pending.deleteAtMs()) {
                pending.segment().delete();
                it.remove();
            }
        }
    }
}
