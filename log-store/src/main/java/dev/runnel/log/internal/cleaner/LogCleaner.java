package dev.runnel.log.internal.cleaner;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.common.errors.KafkaStorageException;
import dev.runnel.common.utils.Checks;
import dev.runnel.common.utils.Time;
import dev.runnel.log.LogConfig;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordCursor;
import dev.runnel.log.internal.segment.LogSegment;
import dev.runnel.log.internal.segment.PartitionLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts partitions with {@code cleanup.policy=compact}: keeps the latest record per key in the rolled segments,
 * drops tombstones once {@code delete.retention.ms} has passed since the cleaner first kept them, and keeps every
 * surviving record's offset. Appends are never blocked: segments are read and rewritten without the partition's lock,
 * which only {@link PartitionLog#replaceSegments} takes, briefly. Not thread-safe: one cleaner serves one caller at a
 * time ({@code LogMaintenance} serialises its calls).
 *
 * <pre>{@code
 * LogCleaner cleaner = new LogCleaner(time);
 * int rewritten = cleaner.clean(partitionLog, topicConfig, false);   // 0 unless dirty enough
 * }</pre>
 */
public final class LogCleaner {
    /*
     * Implementation notes (after Kafka's LogCleaner, "Log Compaction" in the Kafka documentation, and KIP-534 for
     * delete horizons).
     *
     * Ranges. The log splits into the clean part [log start, first dirty offset), the dirty part [first dirty offset,
     * first uncleanable offset) and the rest. The first dirty offset is the clean point of the previous cleaning, kept
     * in the partition's cleaner-offset-checkpoint file (CleanerCheckpoint); without it the whole log is dirty. The
     * first uncleanable offset is the active segment's base offset, lowered to the base of the first dirty segment
     * holding a record younger than min.compaction.lag.ms (segment granularity, as in Kafka). The dirty ratio is
     * dirty bytes / (clean + dirty bytes), counted in whole segments.
     *
     * When. A partition is cleaned when it has dirty bytes and the ratio reaches min.cleanable.dirty.ratio (or the
     * caller ignores the ratio), or when the delete horizon recorded by the last cleaning has passed, so that expired
     * tombstones go even if nothing new was written.
     *
     * Offset map. The dirty part is scanned once, batch by batch, recording key hash -> latest offset in a fixed-size
     * OffsetMap (default 1M keys, about 32 MB, allocated on first use and reused). Before a batch, the map must have
     * room for all of its records as new keys; if not, the scan stops at that batch and the clean point is its base
     * offset, so only the prefix that fits is cleaned and the next round continues from there (Kafka does the same).
     * Control and transactional batches are not mapped.
     *
     * Rewrite. Every rolled segment below the clean point is rewritten, the clean part included, since the dirty part
     * may supersede its keys. Adjacent segments are grouped while their total size stays within segment.bytes and
     * their offsets within 2^31 of the group's base, so cleaning also merges the small segments it leaves behind. Each
     * group is written to a .cleaned segment by SegmentRewriter and swapped in by PartitionLog.replaceSegments, which
     * is crash-safe. After the last group the checkpoint moves to the clean point, together with the earliest delete
     * horizon the cleaned part now holds. A crash before that repeats the cleaning, which is idempotent.
     *
     * Failures. A corrupt batch aborts the cleaning of the partition: its .cleaned file is deleted, the checkpoint is
     * left alone and the error names the partition, the segment and the offset. Corruption in the dirty part is found
     * while building the map, before anything changes; in the clean part, groups swapped in before it stay cleaned
     * (their content is equivalent) and the corrupt segment stays as it was.
     */
    /** The default number of distinct keys one cleaning can deduplicate: 1M, about 32 MB of offset map. */
    public static final int DEFAULT_OFFSET_MAP_CAPACITY = 1 << 20;
    /** The bytes read or written per I/O while cleaning; a larger batch is read whole. */
    static final int IO_BUFFER_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);

    private final Time time;
    private final int offsetMapCapacity;
    private final RecordCursor cursor = new RecordCursor();
    private byte[] keyBuffer = new byte[256];
    private OffsetMap offsetMap;

    public LogCleaner(Time time) {
        this(time, DEFAULT_OFFSET_MAP_CAPACITY);
    }

    /** Creates a cleaner whose offset map holds up to {@code offsetMapCapacity} distinct keys per cleaning. */
    public LogCleaner(Time time, int offsetMapCapacity) {
        this.time = Objects.requireNonNull(time, "time");
        Checks.requireArgument(offsetMapCapacity > 0, "offsetMapCapacity must be positive, was %d", offsetMapCapacity);
        this.offsetMapCapacity = offsetMapCapacity;
    }

    /** What one cleaning will cover, decided before anything is read. */
    private record Plan(long firstDirty, long firstUncleanable, long cleanBytes, long dirtyBytes, boolean horizonDue) {
        double dirtyRatio() {
            long total = cleanBytes + dirtyBytes;
            return total == 0 ? 0 : (double) dirtyBytes / total;
        }
    }

    /**
     * Compacts the partition if {@code config.compact()} and it has dirty data whose share reaches
     * {@code min.cleanable.dirty.ratio} ({@code ignoreDirtyRatio} skips that test), or tombstones due for removal.
     * Returns the number of segments rewritten, 0 if nothing was done.
     *
     * @throws CorruptRecordException if a batch of the partition is corrupt; the partition is not cleaned further
     * @throws KafkaStorageException  if reading or writing the partition's files fails
     */
    public int clean(PartitionLog log, LogConfig config, boolean ignoreDirtyRatio) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(config, "config");
        if (!config.compact()) {
            return 0;
        }
        try {
            return cleanCompacted(log, config, ignoreDirtyRatio);
        } catch (IOException e) {
            throw new KafkaStorageException("Error cleaning partition " + log.topicPartition() + " in " + log.dir()
                + ": " + e, e);
        }
    }

    private int cleanCompacted(PartitionLog log, LogConfig config, boolean ignoreDirtyRatio) throws IOException {
        long nowMs = time.milliseconds();
        List<LogSegment> segments = log.segmentsSnapshot();
        if (segments.size() < 2) {
            return 0;
        }
        Plan plan = plan(log, segments, config, nowMs);
        boolean dirtyEnough = plan.dirtyBytes() > 0
            && (ignoreDirtyRatio || plan.dirtyRatio() >= config.minCleanableDirtyRatio());
        if (!dirtyEnough && !plan.horizonDue()) {
            return 0;
        }
        OffsetMap map = offsetMap();
        long mapEnd = buildOffsetMap(log, segments, plan, map);
        long cleanPoint = Math.max(plan.firstDirty(), mapEnd);
        if (mapEnd == plan.firstDirty() && plan.firstDirty() < plan.firstUncleanable()) {
            LOG.warn("The cleaner's offset map ({} keys) cannot hold the keys of one record batch of partition {} at "
                + "offset {}; the dirty part is not cleaned. Use a larger offset map capacity.", map.capacity(),
                log.topicPartition(), plan.firstDirty());
        }
        if (cleanPoint == plan.firstDirty() && !plan.horizonDue()) {
            return 0;
        }
        List<List<LogSegment>> groups = groupBySize(segments, cleanPoint, config.segmentBytes());
        if (groups.isEmpty()) {
            return 0;
        }
        SegmentRewriter rewriter = new SegmentRewriter(map, nowMs, config.deleteRetentionMs(), cleanPoint,
            IO_BUFFER_BYTES);
        int rewritten = 0;
        for (List<LogSegment> group : groups) {
            if (!rewriteGroup(log, group, rewriter)) {
                return rewritten;
            }
            rewritten += group.size();
        }
        new CleanerCheckpoint(cleanPoint, rewriter.minDeleteHorizonMs()).write(log.dir());
        LOG.info(String.format(Locale.ROOT, "Cleaned partition %s up to offset %d: %d segment(s) into %d, %d -> %d "
                + "bytes, %d of %d records removed (%d tombstones, %d without a key); dirty ratio was %.3f, "
                + "offset map held %d keys", log.topicPartition(), cleanPoint, rewritten, groups.size(),
            rewriter.bytesRead(), rewriter.bytesWritten(), rewriter.recordsRemoved(), rewriter.recordsRead(),
            rewriter.tombstonesRemoved(), rewriter.keylessRemoved(), plan.dirtyRatio(), map.size()));
        return rewritten;
    }

    /** Reads the checkpoint and measures the clean and dirty parts of the rolled segments. */
    private Plan plan(PartitionLog log, List<LogSegment> segments, LogConfig config, long nowMs) throws IOException {
        long logStart = segments.get(0).baseOffset();
        CleanerCheckpoint checkpoint = CleanerCheckpoint.read(log.dir()).orElse(null);
        long firstDirty = logStart;
        long horizonMs = CleanerCheckpoint.NO_HORIZON;
        if (checkpoint != null) {
            if (checkpoint.firstDirtyOffset() > log.logEndOffset()) {
                LOG.warn("The cleaner checkpoint of partition {} is at offset {}, past the log end offset {}; the "
                    + "whole log counts as dirty", log.topicPartition(), checkpoint.firstDirtyOffset(),
                    log.logEndOffset());
            } else {
                // Retention may have deleted segments past the checkpoint: they are gone, not dirty.
                firstDirty = Math.max(logStart, checkpoint.firstDirtyOffset());
                horizonMs = checkpoint.deleteHorizonMs();
            }
        }
        long firstUncleanable = firstUncleanableOffset(segments, firstDirty, config, nowMs);
        long cleanBytes = 0;
        long dirtyBytes = 0;
        for (int i = 0; i + 1 < segments.size(); i++) {
            LogSegment segment = segments.get(i);
            if (segment.baseOffset() >= firstUncleanable) {
                break;
            }
            if (segments.get(i + 1).baseOffset() <= firstDirty) {
                cleanBytes += segment.sizeInBytes();
            } else {
                dirtyBytes += segment.sizeInBytes();
            }
        }
        boolean horizonDue = horizonMs != CleanerCheckpoint.NO_HORIZON && horizonMs <= nowMs;
        return new Plan(firstDirty, firstUncleanable, cleanBytes, dirtyBytes, horizonDue);
    }

    /**
     * The active segment's base offset, or the base offset of the first dirty segment holding a record younger than
     * {@code min.compaction.lag.ms}, whichever is lower.
     */
    static long firstUncleanableOffset(List<LogSegment> segments, long firstDirty, LogConfig config, long nowMs) {
        long activeBase = segments.get(segments.size() - 1).baseOffset();
        long lagMs = config.minCompactionLagMs();
        if (lagMs <= 0) {
            return activeBase;
        }
        long youngestCleanableMs = nowMs - lagMs;
        for (int i = 0; i + 1 < segments.size(); i++) {
            LogSegment segment = segments.get(i);
            boolean dirty = segments.get(i + 1).baseOffset() > firstDirty;
            // An empty segment has no timestamps; its file time says nothing about its records.
            if (dirty && segment.sizeInBytes() > 0 && segment.maxTimestampSoFar() > youngestCleanableMs) {
                return segment.baseOffset();
            }
        }
        return activeBase;
    }

    /**
     * Records key -> latest offset for the dirty part in {@code map}. Returns the offset up to which the map is
     * complete: the first uncleanable offset, or the base offset of the first batch it had no room for.
     */
    private long buildOffsetMap(PartitionLog log, List<LogSegment> segments, Plan plan, OffsetMap map)
        throws IOException {
        map.clear();
        long firstDirty = plan.firstDirty();
        SegmentBatchReader reader = new SegmentBatchReader(IO_BUFFER_BYTES);
        for (int i = 0; i + 1 < segments.size(); i++) {
            LogSegment segment = segments.get(i);
            if (segment.baseOffset() >= plan.firstUncleanable()) {
                break;
            }
            if (segments.get(i + 1).baseOffset() <= firstDirty) {
                continue;
            }
            reader.reset(segment, Math.max(firstDirty, segment.baseOffset()));
            try {
                RecordBatch batch;
                while ((batch = reader.next()) != null) {
                    if (batch.isControlBatch() || batch.isTransactional()) {
                        continue;
                    }
                    if (!map.hasRoomFor(batch.recordCount())) {
                        return Math.max(firstDirty, batch.baseOffset());
                    }
                    mapBatch(batch, firstDirty, map);
                }
            } catch (CorruptRecordException e) {
                throw corrupt(log, segment, reader.nextOffset(), e);
            }
        }
        return plan.firstUncleanable();
    }

    private void mapBatch(RecordBatch batch, long firstDirty, OffsetMap map) {
        cursor.reset(batch);
        while (cursor.next()) {
            if (cursor.offset() < firstDirty || !cursor.hasKey()) {
                continue;
            }
            int keySize = cursor.keySize();
            if (keyBuffer.length < keySize) {
                keyBuffer = new byte[Math.max(keySize, keyBuffer.length * 2)];
            }
            cursor.copyKey(keyBuffer, 0);
            map.put(keyBuffer, keySize, cursor.offset());
        }
    }

    /**
     * Splits the rolled segments below {@code cleanPoint} into runs of adjacent segments whose total size fits in
     * {@code segmentBytes} and whose offsets stay within 2^31 of the run's base offset.
     */
    static List<List<LogSegment>> groupBySize(List<LogSegment> segments, long cleanPoint, int segmentBytes) {
        List<List<LogSegment>> groups = new ArrayList<>();
        int i = 0;
        while (i + 1 < segments.size() && segments.get(i).baseOffset() < cleanPoint) {
            List<LogSegment> group = new ArrayList<>();
            long base = segments.get(i).baseOffset();
            long bytes = 0;
            do {
                bytes += segments.get(i).sizeInBytes();
                group.add(segments.get(i));
                i++;
            } while (i + 1 < segments.size() && segments.get(i).baseOffset() < cleanPoint
                && bytes + segments.get(i).sizeInBytes() <= segmentBytes
                && segments.get(i + 1).baseOffset() - 1 - base <= Integer.MAX_VALUE);
            groups.add(group);
        }
        return groups;
    }

    /**
     * Writes the cleaned copy of {@code group} and swaps it in. Returns false, leaving the log as it was, if the
     * partition's segments changed meanwhile (retention deleted them); throws on corruption or I/O failure.
     */
    private boolean rewriteGroup(PartitionLog log, List<LogSegment> group, SegmentRewriter rewriter)
        throws IOException {
        LogSegment cleaned = log.createSegment(group.get(0).baseOffset(), PartitionLog.cleanedSuffix());
        try {
            rewriter.rewrite(group, cleaned);
        } catch (CorruptRecordException e) {
            deleteQuietly(cleaned);
            LogSegment segment = group.get(0);
            for (LogSegment candidate : group) {
                if (candidate.baseOffset() <= rewriter.position()) {
                    segment = candidate;
                }
            }
            throw corrupt(log, segment, rewriter.position(), e);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(cleaned);
            throw e;
        }
        try {
            log.replaceSegments(group, cleaned);
            return true;
        } catch (IllegalArgumentException e) {
            deleteQuietly(cleaned);
            LOG.info("Stopped cleaning partition {}: its segments changed while they were cleaned ({})",
                log.topicPartition(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            deleteQuietly(cleaned);
            throw e;
        }
    }

    private static CorruptRecordException corrupt(PartitionLog log, LogSegment segment, long offset,
                                                  CorruptRecordException cause) {
        TopicPartition tp = log.topicPartition();
        CorruptRecordException e = new CorruptRecordException("Cleaning of partition " + tp + " stopped: the record "
            + "batch at offset " + offset + " in " + segment.logFile().getFileName() + " is corrupt ("
            + cause.getMessage() + "); the segment was left unchanged and the partition will not be cleaned until "
            + "the corrupt segment is removed or repaired", cause);
        LOG.error(e.getMessage());
        return e;
    }

    private static void deleteQuietly(LogSegment cleaned) {
        try {
            cleaned.delete();
        } catch (IOException e) {
            // The next open of the log deletes leftover .cleaned files anyway.
            LOG.warn("Could not delete the unfinished cleaned segment {}: {}", cleaned.logFile(), e.toString());
        }
    }

    private OffsetMap offsetMap() {
        if (offsetMap == null) {
            offsetMap = new OffsetMap(offsetMapCapacity);
        }
        return offsetMap;
    }
}
