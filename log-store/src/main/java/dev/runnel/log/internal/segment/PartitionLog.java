package dev.runnel.log.internal.segment;

import dev.runnel.log.internal.AtomicFiles;
import static dev.runnel.log.internal.record.RecordBatch.HEADER_SIZE;
import static dev.runnel.log.internal.record.RecordBatch.LOG_OVERHEAD;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.common.errors.InvalidRecordException;
import dev.runnel.common.errors.KafkaStorageException;
import dev.runnel.common.errors.OffsetOutOfRangeException;
import dev.runnel.common.errors.RecordTooLargeException;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.Checks;
import dev.runnel.common.utils.Time;
import dev.runnel.log.LogConfig;
import dev.runnel.log.internal.record.ControlRecord;
import dev.runnel.log.internal.record.RecordBatch;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's log: a directory of segments named by base offset, appended to at the end, read from anywhere in
 * [log start offset, log end offset], trimmed from the front by retention. Thread-safe: appends, rolls, retention and
 * segment replacement are serialised by one lock; reads, {@link #offsetForTimestamp} and {@link #flush} run
 * concurrently with them.
 *
 * <pre>{@code
 * PartitionLog log = PartitionLog.open(dataDir.resolve("clicks-0"), new TopicPartition("clicks", 0),
 *     LogConfig.defaults(), Time.SYSTEM, cleanShutdown);
 * AppendInfo info = log.append(batches);          // batches built by a producer, offsets assigned here
 * log.flush(info.lastOffset() + 1);               // acks=all: durable before acknowledging
 * FetchData fetched = log.read(0L, 1024 * 1024);  // whole batches from offset 0
 * log.close();
 * }</pre>
 */
public final class PartitionLog implements Closeable {
    /*
     * Implementation notes.
     *
     * Publication. An append writes the bytes and index entries and then replaces the volatile LogEnd, which holds the
     * log end offset together with the active segment and its size. Readers take LogEnd once and read no further than
     * its position in that segment, so they never see a batch that is still being written, and never need the lock.
     *
     * Group commit. flush(n) returns at once if the recovery point already covers n. Otherwise one caller becomes the
     * flusher: it notes the log end offset, fsyncs every segment from the one holding the recovery point on (which
     * includes segments rolled since the last flush), and moves the recovery point to the noted offset. Callers that
     * arrive meanwhile wait for that fsync; those it did not cover elect the next flusher, which covers everything
     * appended so far. So N concurrent callers cost about two fsyncs, not N. The recovery point is written to the
     * recovery-point file only on roll and on close; a crash loses at most the checkpoint's lag, which recovery
     * re-scans.
     *
     * Deleting records (Kafka's deleteRecords) moves the log start offset forward, possibly into the middle of a
     * segment: reads below it are refused even though the segment still holds those batches, and only the segments
     * wholly below it (their successor starts at or below it) are deleted. The new start offset is flushed and then
     * written to the log-start-offset file before it is published, so a restart never serves those records again: on
     * open the start offset is the larger of the file's and the first segment's base offset.
     *
     * Retention and replacement rename files to .deleted and close them after file.delete.delay.ms (LogRetention), so
     * a reader that took a segment just before it left the log can finish; after the delay it gets
     * OffsetOutOfRangeException.
     *
     * Replacement (for the cleaner) commits by renaming <base>.log.cleaned to .swap (indexes first, .log last); then
     * the old segments become .deleted and the .swap files are renamed into place. LogLoader finishes a committed swap
     * after a crash and deletes an uncommitted one, so the log comes back either as before or as after.
     *
     * Producer state (ProducerStateManager has the details). A batch with a producer id must come alone in its append;
     * it is checked against the producer's sequence and epoch before anything is written, and a retry returns the
     * offsets of the original without writing. The state is updated after the bytes are written and before LogEnd is
     * published, and the first unstable offset is published before LogEnd, so a reader that takes LogEnd and then
     * the first unstable offset never computes a last stable offset past an open transaction's first batch.
     */
    static final String CLEANED_SUFFIX = ".cleaned";
    static final String SWAP_SUFFIX = ".swap";
    static final String DELETED_SUFFIX = ".deleted";

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** The log end offset with the position just after the last batch in the active segment. */
    private record LogEnd(long offset, LogSegment segment, int position) {
    }

    private final Path dir;
    private final TopicPartition topicPartition;
    private final Time time;
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final OffsetCheckpoint checkpoint;
    private final LogRetention retention;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final RecordBatch appendView = new RecordBatch();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final Condition flushDone = flushLock.newCondition();
    private boolean flushInProgress;
    private volatile long recoveryPoint;
    private volatile LogConfig config;
    private volatile LogEnd logEnd;
    private volatile long logStartOffset;
    private volatile boolean closed;
    private final ProducerStateManager producerState;
    /** The first offset of the earliest open transaction, or -1; written before {@link #logEnd}. */
    private volatile long firstUnstableOffset = -1;
    private boolean producerStateLoaded;

    private PartitionLog(Path dir, TopicPartition topicPartition, LogConfig config, Time time,
                         LogLoader.Loaded loaded, OffsetCheckpoint checkpoint) throws IOException {
        this.dir = dir;
        this.topicPartition = topicPartition;
        this.config = config;
        this.time = time;
        this.segments = loaded.segments();
        this.checkpoint = checkpoint;
        this.recoveryPoint = loaded.recoveryPoint();
        LogSegment active = segments.lastEntry().getValue();
        this.logEnd = new LogEnd(active.readNextOffset(), active, active.sizeInBytes());
        this.retention = new LogRetention(topicPartition, segments,
            new OffsetCheckpoint(dir, OffsetCheckpoint.LOG_START_OFFSET));
        this.logStartOffset = retention.loadLogStartOffset(logEnd.offset());
        this.producerState = new ProducerStateManager(dir, topicPartition);
    }

    /**
     * Opens the log in {@code dir}, creating it if needed. Deletes leftover temporary files, finishes or undoes an
     * interrupted segment replacement, and unless {@code cleanShutdown} recovers every segment from the recovery point
     * on: CRC scan, truncation of a torn or corrupt tail, index rebuild. Throws {@link KafkaStorageException} naming
     * the directory if it cannot be read.
     */
    public static PartitionLog open(Path dir, TopicPartition tp, LogConfig config, Time time, boolean cleanShutdown) {
        Objects.requireNonNull(tp, "tp");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(time, "time");
        try {
            OffsetCheckpoint checkpoint = new OffsetCheckpoint(dir, OffsetCheckpoint.RECOVERY_POINT);
            LogLoader.Loaded loaded = LogLoader.load(dir, tp, config, time, cleanShutdown, checkpoint);
            PartitionLog log = new PartitionLog(dir, tp, config, time, loaded, checkpoint);
            try {
                // A crash between checkpointing a new start offset and removing the segments below it leaves them.
                log.retention.deleteSegmentsBelow(log.logStartOffset, time.milliseconds());
                log.retention.deletePendingFiles(time.milliseconds(), true);
                log.loadProducerState();
            } catch (IOException | RuntimeException e) {
                log.close();
                throw e;
            }
            return log;
        } catch (IOException e) {
            throw new KafkaStorageException("Error opening the log of partition " + tp + " in " + dir + ": " + e, e);
        }
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** Applies a changed topic config; segment sizes and intervals apply to new segments. */
    public void updateConfig(LogConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "newConfig");
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEnd.offset();
    }

    /** The offset below which every batch is known to be fsynced. */
    public long recoveryPoint() {
        return recoveryPoint;
    }

    public int numberOfSegments() {
        return segments.size();
    }

    /** The total size of the segments' .log files in bytes. */
    public long sizeInBytes() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.sizeInBytes();
        }
        return total;
    }

    /**
     * Appends one or more v2 record batches as a producer built them. Validates all of them first (whole, magic 2,
     * valid CRC, at most {@code max.message.bytes}), then assigns offsets from the log end offset by setting each
     * batch's base offset in {@code batches} itself, stamps the append time under LogAppendTime, rolls the active
     * segment if due and writes the bytes. On any failure nothing is added to the log.
     *
     * @throws CorruptRecordException       if a batch is truncated or fails its checks; names the partition
     * @throws RecordTooLargeException if a batch exceeds {@code max.message.bytes}
     * @throws KafkaStorageException        if the write fails
     */
    public AppendInfo append(ByteBuffer batches) {
        Objects.requireNonNull(batches, "batches");
        appendLock.lock();
        try {
            ensureOpen();
            LogConfig c = config;
            validate(batches, c);
            AppendInfo duplicate = checkProducerState(batches);
            if (duplicate != null) {
                return duplicate;
            }
            RecordBatch batch = appendView;
            boolean stamp = c.timestampType() == TimestampType.LOG_APPEND_TIME;
            long appendTimeMs = stamp ? time.milliseconds() : -1L;
            long firstOffset = logEnd.offset();
            long next = firstOffset;
            long maxTimestampMs = RecordBatch.NO_TIMESTAMP;
            long offsetOfMaxTimestamp = firstOffset;
            int recordCount = 0;
            int end = batches.limit();
            for (int p = batches.position(); p < end; ) {
                batch.wrap(batches, p);
                batch.setBaseOffset(next);
                if (stamp) {
                    batch.setLogAppendTime(appendTimeMs);
                }
                long lastOffset = next + batch.lastOffsetDelta();
                if (batch.maxTimestamp() > maxTimestampMs) {
                    maxTimestampMs = batch.maxTimestamp();
                    offsetOfMaxTimestamp = lastOffset;
                }
                recordCount += batch.recordCount();
                next = lastOffset + 1;
                p += batch.sizeInBytes();
            }
            LogSegment active = maybeRoll(batches.remaining(), next - 1, c);
            try {
                active.append(next - 1, maxTimestampMs, offsetOfMaxTimestamp, batches);
            } catch (IOException e) {
                throw new KafkaStorageException("Error appending to " + active.logFile() + " of partition "
                    + topicPartition + ": " + e, e);
            }
            batch.wrap(batches, batches.position());
            if (batch.producerId() != RecordBatch.NO_PRODUCER_ID) {
                producerState.update(batch);
                firstUnstableOffset = producerState.firstUnstableOffset();
            }
            logEnd = new LogEnd(next, active, active.sizeInBytes());
            return new AppendInfo(firstOffset, next - 1, appendTimeMs, recordCount);
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * For a batch from an idempotent or transactional producer, checks that it comes alone and that its epoch and
     * sequence follow on; returns the original's offsets if it is a retry of a batch already written, else null.
     */
    private AppendInfo checkProducerState(ByteBuffer batches) {
        RecordBatch batch = appendView.wrap(batches, batches.position());
        if (batch.producerId() == RecordBatch.NO_PRODUCER_ID) {
            return null;
        }
        if (batch.sizeInBytes() != batches.remaining()) {
            throw new InvalidRecordException("An append to partition " + topicPartition + " holds several batches, "
                + "one of them from producer " + batch.producerId() + "; an idempotent or transactional batch must "
                + "be appended alone");
        }
        if (batch.isControlBatch()) {
            producerState.checkControl(batch.producerId(), batch.producerEpoch());
            return null;
        }
        ProducerStateManager.BatchMetadata original = producerState.checkAppend(batch);
        if (original == null) {
            return null;
        }
        LOG.debug("Batch of producer {} with sequence {} is a retry; partition {} already has it at offset {}",
            batch.producerId(), batch.baseSequence(), topicPartition, original.firstOffset());
        return new AppendInfo(original.firstOffset(), original.lastOffset(), -1L,
            (int) (original.lastOffset() - original.firstOffset() + 1));
    }

    /**
     * Appends a transaction marker (a COMMIT or ABORT control batch) for {@code producerId}, which ends its open
     * transaction in this partition, if any. Not flushed: the caller flushes.
     */
    public AppendInfo appendMarker(long producerId, short producerEpoch, boolean commit, int coordinatorEpoch) {
        return append(ControlRecord.marker(producerId, producerEpoch, commit, coordinatorEpoch, time.milliseconds()));
    }

    /**
     * The last stable offset: the first offset of the earliest transaction still open in this partition, or the log
     * end offset when none is. read_committed consumers read below it.
     */
    public long lastStableOffset() {
        long end = logEnd.offset();
        long unstable = firstUnstableOffset;
        return unstable >= 0 ? Math.min(unstable, end) : end;
    }

    /**
     * The aborted transactions that overlap [fromOffset, upToOffset), as (producerId, firstOffset, lastOffset) with
     * lastOffset the abort marker's offset, in marker order. Safe to call concurrently with appends.
     */
    public List<AbortedTransaction> abortedTransactions(long fromOffset, long upToOffset) {
        List<AbortedTransaction> result = new ArrayList<>();
        for (ProducerStateManager.AbortedTxn txn : producerState.abortedTransactions(fromOffset, upToOffset)) {
            result.add(new AbortedTransaction(txn.producerId(), txn.firstOffset(), txn.lastOffset()));
        }
        return result;
    }

    /** Every producer this partition knows (those retention has not dropped), by producer id. */
    public List<ProducerStateEntry> producers() {
        appendLock.lock();
        try {
            return producerState.producers();
        } finally {
            appendLock.unlock();
        }
    }

    /** The epoch this partition knows for a producer id, or -1 if it knows none. For tests. */
    public short producerEpoch(long producerId) {
        appendLock.lock();
        try {
            return producerState.epochOf(producerId);
        } finally {
            appendLock.unlock();
        }
    }

    /** Loads the producer snapshot and replays the batches after it; called once by {@link #open}. */
    private void loadProducerState() throws IOException {
        long end = logEnd.offset();
        long from = Math.max(producerState.loadSnapshot(end), logStartOffset);
        RecordBatch batch = new RecordBatch();
        long offset = from;
        while (offset < end) {
            ByteBuffer data = read(offset, 1 << 20).records();
            if (!data.hasRemaining()) {
                break;
            }
            for (int p = data.position(); p + HEADER_SIZE <= data.limit(); p += batch.sizeInBytes()) {
                batch.wrap(data, p);
                if (batch.lastOffset() >= offset && batch.producerId() != RecordBatch.NO_PRODUCER_ID) {
                    producerState.update(batch);
                }
                offset = Math.max(offset, batch.nextOffset());
            }
        }
        producerState.pruneAborted(logStartOffset);
        firstUnstableOffset = producerState.firstUnstableOffset();
        producerStateLoaded = true;
        if (from < end) {
            LOG.debug("Rebuilt producer state of partition {} from offset {} to {}: {} producer(s)", topicPartition,
                from, end, producerState.producerCount());
        }
    }

    /**
     * Returns the error for a batch larger than {@code max.message.bytes}: Kafka's {@code MESSAGE_TOO_LARGE}, which a
     * producer meets only for a single record too large, since it splits its batches to fit the topic.
     */
    private RecordTooLargeException tooLarge(RecordBatch batch, int maxMessageBytes) {
        String what = batch.recordCount() == 1 ? "The record (a batch of " + batch.sizeInBytes() + " bytes)"
            : "The record batch of " + batch.sizeInBytes() + " bytes";
        String fix = batch.recordCount() == 1 ? "send a smaller record" : "send smaller batches (batch.size)";
        return new RecordTooLargeException(what + " sent to partition " + topicPartition + " is larger than the"
            + " topic's max.message.bytes of " + maxMessageBytes + " bytes; raise max.message.bytes for the topic or "
            + fix);
    }

    /** Checks every batch in {@code batches} before anything is changed. Per batch, not per record. */
    private void validate(ByteBuffer batches, LogConfig c) {
        int start = batches.position();
        int end = batches.limit();
        if (start == end) {
            throw new IllegalArgumentException("No record batches to append to partition " + topicPartition);
        }
        RecordBatch batch = appendView;
        for (int p = start; p < end; ) {
            int remaining = end - p;
            if (remaining < HEADER_SIZE) {
                throw corruptAppend(p - start, remaining + " bytes are too short for a batch header");
            }
            batch.wrap(batches, p);
            int length = batch.batchLength();
            if (length < HEADER_SIZE - LOG_OVERHEAD || length > remaining - LOG_OVERHEAD) {
                throw corruptAppend(p - start, "its length " + length + " does not fit the " + remaining
                    + " bytes left in the request");
            }
            if (batch.magic() != RecordBatch.MAGIC) {
                throw corruptAppend(p - start, "magic is " + batch.magic() + ", only " + RecordBatch.MAGIC
                    + " is supported");
            }
            int size = batch.sizeInBytes();
            if (size > c.maxMessageBytes()) {
                throw tooLarge(batch, c.maxMessageBytes());
            }
            if (!batch.isValid()) {
                throw corruptAppend(p - start, "its CRC " + batch.checksum() + " does not match the computed "
                    + batch.computeChecksum());
            }
            p += size;
        }
    }

    private CorruptRecordException corruptAppend(int byteOffset, String reason) {
        return new CorruptRecordException("Record batch at byte " + byteOffset + " of the append to partition "
            + topicPartition + " is corrupt: " + reason);
    }

    private LogSegment maybeRoll(int bytes, long lastOffset, LogConfig c) {
        LogSegment active = logEnd.segment();
        int size = active.sizeInBytes();
        if (size == 0) {
            return active;
        }
        boolean full = size > c.segmentBytes() - bytes;
        boolean old = time.milliseconds() - active.rollBaseTimeMs() >= c.segmentMs();
        boolean indexFull = active.offsetIndex().isFull() || active.timeIndex().isFull();
        boolean offsetOverflow = lastOffset - active.baseOffset() > Integer.MAX_VALUE;
        return full || old || indexFull || offsetOverflow ? rollLocked() : active;
    }

    /** Starts a new active segment at the log end offset, unless the active one is empty. */
    public void roll() {
        appendLock.lock();
        try {
            ensureOpen();
            rollLocked();
        } finally {
            appendLock.unlock();
        }
    }

    private LogSegment rollLocked() {
        LogEnd end = logEnd;
        LogSegment previous = end.segment();
        if (previous.sizeInBytes() == 0) {
            return previous;
        }
        try {
            previous.onBecomeInactive();
            // Flushes of the active segment skip its indexes; they must be durable before the checkpoint passes it.
            previous.flushIndexes();
            producerState.writeSnapshot(end.offset());
            LogSegment created = newSegment(end.offset(), "");
            segments.put(created.baseOffset(), created);
            logEnd = new LogEnd(end.offset(), created, 0);
            checkpoint.write(recoveryPoint);
            LOG.debug("Rolled a new segment for partition {} at offset {}", topicPartition, end.offset());
            return created;
        } catch (IOException e) {
            throw new KafkaStorageException("Error rolling partition " + topicPartition + " at offset "
                + end.offset() + " in " + dir + ": " + e, e);
        }
    }

    private LogSegment newSegment(long baseOffset, String suffix) throws IOException {
        for (String kind : List.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
            Files.deleteIfExists(dir.resolve(LogSegment.fileName(baseOffset, kind) + suffix));
        }
        LogConfig c = config;
        return LogSegment.open(dir, baseOffset, c.indexIntervalBytes(), c.segmentIndexBytes(), suffix, time);
    }

    /**
     * Makes every offset below {@code upToOffset} durable (fsync), sharing one fsync among concurrent callers. Returns
     * at once if they already are. Offsets past the log end are treated as the log end.
     */
    public void flush(long upToOffset) {
        long target = Math.min(upToOffset, logEnd.offset());
        if (target <= recoveryPoint) {
            return;
        }
        flushLock.lock();
        try {
            while (true) {
                if (target <= recoveryPoint) {
                    return;
                }
                if (!flushInProgress) {
                    flushInProgress = true;
                    break;
                }
                flushDone.awaitUninterruptibly();
            }
        } finally {
            flushLock.unlock();
        }
        long flushedTo = recoveryPoint;
        try {
            flushedTo = Math.max(flushedTo, flushAll());
        } finally {
            flushLock.lock();
            try {
                recoveryPoint = flushedTo;
                flushInProgress = false;
                flushDone.signalAll();
            } finally {
                flushLock.unlock();
            }
        }
    }

    /**
     * Fsyncs every segment from the one holding the recovery point on; returns the log end offset it covered. The
     * active segment's indexes are left to the page cache: the recovery checkpoint never passes the active segment's
     * base, so a start after a crash rebuilds them from its records (and a roll writes them before the checkpoint
     * moves on). An msync of the 10 MB mappings cost half as much as the fsync itself on every commit.
     */
    private long flushAll() {
        LogEnd end = logEnd;
        long covered = end.offset();
        Map.Entry<Long, LogSegment> from = segments.floorEntry(recoveryPoint);
        Collection<LogSegment> toFlush = from == null ? segments.values() : segments.tailMap(from.getKey()).values();
        for (LogSegment segment : toFlush) {
            try {
                if (segment == end.segment()) {
                    segment.flushRecords();
                } else {
                    segment.flush();
                }
            } catch (ClosedChannelException e) {
                if (!segment.isClosed()) {
                    throw new KafkaStorageException("Error flushing " + segment.logFile() + " of partition "
                        + topicPartition + ": " + e, e);
                }
                // Deleted by retention or replaced meanwhile: nothing of it needs to be durable.
            } catch (IOException e) {
                throw new KafkaStorageException("Error flushing " + segment.logFile() + " of partition "
                    + topicPartition + ": " + e, e);
            }
        }
        return covered;
    }

    /**
     * Reads whole batches starting with the one that contains {@code startOffset}: at least that batch, even if it is
     * larger than {@code maxBytes}, then as many whole batches as fit in {@code maxBytes}. The buffer is empty when
     * {@code startOffset} is the log end offset.
     *
     * @throws OffsetOutOfRangeException if {@code startOffset} is outside [log start offset, log end offset]
     * @throws CorruptRecordException    if the first batch to return is corrupt; names the partition and offset
     */
    public FetchData read(long startOffset, int maxBytes) {
        return read(startOffset, maxBytes, null);
    }

    /**
     * As {@link #read(long, int)}, reading into {@code reuse} when it is large enough, so that a reader that is done
     * with its last buffer spares allocating (and zeroing) a new one.
     */
    public FetchData read(long startOffset, int maxBytes, ByteBuffer reuse) {
        Checks.requireArgument(maxBytes >= 0, "maxBytes must be >= 0, was %d", maxBytes);
        long start = logStartOffset;
        LogEnd end = logEnd;
        checkRange(startOffset, start, end.offset());
        if (startOffset == end.offset()) {
            return new FetchData(EMPTY.duplicate(), start, end.offset());
        }
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(startOffset);
        if (entry == null) {
            checkRange(startOffset, logStartOffset, end.offset());
            entry = segments.ceilingEntry(startOffset);
        }
        while (entry != null && entry.getKey() < end.offset()) {
            LogSegment segment = entry.getValue();
            long maxPosition = segment == end.segment() ? end.position() : segment.sizeInBytes();
            try {
                ByteBuffer batches = segment.read(startOffset, maxBytes, maxPosition, reuse);
                if (batches != null) {
                    return new FetchData(batches, start, end.offset());
                }
            } catch (CorruptRecordException e) {
                throw new CorruptRecordException("Record batch for partition " + topicPartition + " at offset "
                    + startOffset + " is corrupt: " + e.getMessage(), e);
            } catch (ClosedChannelException e) {
                checkRange(startOffset, logStartOffset, logEnd.offset());
                throw new KafkaStorageException("Segment " + segment.logFile() + " of partition " + topicPartition
                    + " was closed during a read at offset " + startOffset, e);
            } catch (IOException e) {
                throw new KafkaStorageException("Error reading " + segment.logFile() + " of partition "
                    + topicPartition + " at offset " + startOffset + ": " + e, e);
            }
            entry = segments.higherEntry(entry.getKey());
        }
        // Only a gap left by compaction at the end of the log lies between startOffset and the log end.
        return new FetchData(EMPTY.duplicate(), start, end.offset());
    }

    private void checkRange(long offset, long start, long end) {
        if (offset < start || offset > end) {
            throw new OffsetOutOfRangeException("Offset " + offset + " is out of range for partition "
                + topicPartition + ": valid offsets are [" + start + ", " + end + "]");
        }
    }

    /**
     * Returns the base offset of the first batch, in log order, whose max timestamp is at least {@code timestampMs}
     * (the log start offset if that batch begins below it), or -1 if there is none. Segments whose largest timestamp
     * is below it are skipped; within a segment the time index gives where to start scanning.
     */
    public long offsetForTimestamp(long timestampMs) {
        LogEnd end = logEnd;
        for (LogSegment segment : segments.values()) {
            if (segment.baseOffset() >= end.offset() || segment.maxTimestampSoFar() < timestampMs) {
                continue;
            }
            long maxPosition = segment == end.segment() ? end.position() : segment.sizeInBytes();
            try {
                long offset = segment.findOffsetByTimestamp(timestampMs, maxPosition);
                if (offset >= 0) {
                    // A batch that straddles the log start offset: the caller scans on from the start.
                    return Math.max(offset, logStartOffset);
                }
            } catch (CorruptRecordException e) {
                throw new CorruptRecordException("Record batch for partition " + topicPartition + " in "
                    + segment.logFile().getFileName() + " is corrupt: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new KafkaStorageException("Error searching " + segment.logFile() + " of partition "
                    + topicPartition + " by timestamp: " + e, e);
            }
        }
        return -1;
    }

    /**
     * Deletes whole segments from the front of the log while they are expired ({@code retention.ms}: their largest
     * timestamp is older than now minus retention.ms) or the log exceeds {@code retention.bytes} by at least the
     * segment's size. Only under {@code cleanup.policy} delete. The active segment is deleted only after a roll, so
     * the log always keeps a segment at the log end offset and offsets are never reused. Returns the segments deleted.
     * Safe to call from a background thread while appends happen.
     */
    public int deleteRetentionExpiredSegments() {
        appendLock.lock();
        try {
            ensureOpen();
            long nowMs = time.milliseconds();
            LogConfig c = config;
            int deleted = 0;
            if (c.delete()) {
                deleted = deleteExpired(c, nowMs);
            }
            retention.deletePendingFiles(nowMs, false);
            return deleted;
        } catch (IOException e) {
            throw new KafkaStorageException("Error applying retention to partition " + topicPartition + " in " + dir
                + ": " + e, e);
        } finally {
            appendLock.unlock();
        }
    }

    private int deleteExpired(LogConfig c, long nowMs) throws IOException {
        List<LogSegment> doomed = retention.expiredSegments(c, nowMs, sizeInBytes(), logEnd.segment());
        if (doomed.isEmpty()) {
            return 0;
        }
        if (doomed.get(doomed.size() - 1) == logEnd.segment()) {
            rollLocked();
        }
        long newStart = segments.higherKey(doomed.get(doomed.size() - 1).baseOffset());
        logStartOffset = newStart;
        producerState.pruneAborted(newStart);
        retention.removeSegments(doomed, nowMs + c.fileDeleteDelayMs());
        LOG.info("Deleted {} segment(s) of partition {} by retention (retention.ms={}, retention.bytes={}); the log "
            + "start offset is now {}", doomed.size(), topicPartition, c.retentionMs(), c.retentionBytes(), newStart);
        return doomed.size();
    }

    /**
     * Advances the log start offset to {@code offset}, as Kafka's {@code deleteRecords} does: records below it are
     * no longer served, and the segments wholly below it are deleted after {@code file.delete.delay.ms}. The offsets
     * below it are flushed and the new start is checkpointed before it takes effect, so no restart brings those
     * records back. An offset at or below the current start changes nothing. Returns the log start offset (Kafka's
     * low watermark). The caller checks the topic's cleanup policy.
     *
     * @throws OffsetOutOfRangeException if {@code offset} is negative or past the log end offset
     * @throws KafkaStorageException     if the flush, the checkpoint or a rename fails
     */
    public long deleteRecordsBefore(long offset) {
        appendLock.lock();
        try {
            ensureOpen();
            long end = logEnd.offset();
            if (offset < 0 || offset > end) {
                throw new OffsetOutOfRangeException("Cannot delete the records of partition " + topicPartition
                    + " before offset " + offset + ": valid offsets are [0, " + end + "], the log end offset");
            }
            if (offset <= logStartOffset) {
                return logStartOffset;
            }
            // Durable before checkpointed: a crash must not truncate the log below its recorded start.
            flush(offset);
            retention.checkpointLogStartOffset(offset);
            logStartOffset = offset;
            producerState.pruneAborted(offset);
            long nowMs = time.milliseconds();
            int deleted = retention.deleteSegmentsBelow(logStartOffset, nowMs + config.fileDeleteDelayMs());
            retention.deletePendingFiles(nowMs, false);
            if (deleted > 0) {
                LOG.info("Deleted the records of partition {} before offset {}, and {} segment(s) below it",
                    topicPartition, offset, deleted);
            }
            return offset;
        } catch (IOException e) {
            throw new KafkaStorageException("Error deleting the records of partition " + topicPartition
                + " before offset " + offset + " in " + dir + ": " + e, e);
        } finally {
            appendLock.unlock();
        }
    }

    /** Returns the current segments in offset order, the active one last. For the cleaner. */
    public List<LogSegment> segmentsSnapshot() {
        return List.copyOf(segments.values());
    }

    /**
     * Creates an empty segment file set named {@code <baseOffset>.log<suffix>} (and its indexes) in this log's
     * directory, replacing stale files of that name. The cleaner writes a replacement with suffix {@code .cleaned}.
     */
    public LogSegment createSegment(long baseOffset, String suffix) {
        try {
            return newSegment(baseOffset, suffix);
        } catch (IOException e) {
            throw new KafkaStorageException("Error creating segment " + LogSegment.fileName(baseOffset, ".log")
                + suffix + " of partition " + topicPartition + ": " + e, e);
        }
    }

    /** The suffix of a cleaner's segment before {@link #replaceSegments}. */
    public static String cleanedSuffix() {
        return CLEANED_SUFFIX;
    }

    /**
     * Atomically replaces {@code oldSegments} (consecutive, not the active segment) by {@code cleaned}, a segment made
     * by {@code createSegment(oldSegments.get(0).baseOffset(), ".cleaned")}. A crash at any point reopens as either
     * the old segments or the cleaned one. The old segments' files are deleted after {@code file.delete.delay.ms}.
     */
    public void replaceSegments(List<LogSegment> oldSegments, LogSegment cleaned) {
        appendLock.lock();
        try {
            ensureOpen();
            checkReplaceable(oldSegments, cleaned);
            cleaned.onBecomeInactive();
            cleaned.flush();
            cleaned.changeFileSuffixes(CLEANED_SUFFIX, SWAP_SUFFIX);
            AtomicFiles.fsyncDirectory(dir);
            long deleteAtMs = time.milliseconds() + config.fileDeleteDelayMs();
            for (LogSegment old : oldSegments) {
                retention.scheduleDeletion(old, deleteAtMs);
            }
            AtomicFiles.fsyncDirectory(dir);
            cleaned.changeFileSuffixes(SWAP_SUFFIX, "");
            AtomicFiles.fsyncDirectory(dir);
            // Put before remove: a concurrent reader always finds a segment covering each offset.
            segments.put(cleaned.baseOffset(), cleaned);
            for (LogSegment old : oldSegments) {
                if (old.baseOffset() != cleaned.baseOffset()) {
                    segments.remove(old.baseOffset());
                }
            }
            LOG.info("Replaced {} segment(s) of partition {} from offset {} by a cleaned segment", oldSegments.size(),
                topicPartition, cleaned.baseOffset());
        } catch (IOException e) {
            throw new KafkaStorageException("Error replacing segments of partition " + topicPartition + " by "
                + cleaned.logFile() + ": " + e, e);
        } finally {
            appendLock.unlock();
        }
    }

    private void checkReplaceable(List<LogSegment> oldSegments, LogSegment cleaned) {
        if (oldSegments.isEmpty()) {
            throw new IllegalArgumentException("No segments to replace in partition " + topicPartition);
        }
        if (cleaned.baseOffset() != oldSegments.get(0).baseOffset()) {
            throw new IllegalArgumentException("Cleaned segment base offset " + cleaned.baseOffset()
                + " differs from the first replaced segment's " + oldSegments.get(0).baseOffset());
        }
        if (!cleaned.logFile().getFileName().toString().endsWith(CLEANED_SUFFIX)) {
            throw new IllegalArgumentException(cleaned.logFile() + " is not a " + CLEANED_SUFFIX + " segment");
        }
        Long expected = oldSegments.get(0).baseOffset();
        for (LogSegment old : oldSegments) {
            if (expected == null || segments.get(old.baseOffset()) != old || old.baseOffset() != expected) {
                throw new IllegalArgumentException("Segment " + old + " is not the next current segment of partition "
                    + topicPartition);
            }
            if (old == logEnd.segment()) {
                throw new IllegalArgumentException("The active segment " + old + " of partition " + topicPartition
                    + " cannot be replaced");
            }
            expected = segments.higherKey(old.baseOffset());
        }
    }

    /** Flushes everything, trims the indexes, writes the recovery point and closes the files. Idempotent. */
    @Override
    public void close() {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            LogSegment active = logEnd.segment();
            active.onBecomeInactive();
            active.flush();
            flush(logEnd.offset());
            if (producerStateLoaded) {
                producerState.writeSnapshot(logEnd.offset());
            }
            closed = true;
            for (LogSegment segment : segments.values()) {
                segment.close();
            }
            checkpoint.write(recoveryPoint);
            retention.deletePendingFiles(time.milliseconds(), true);
        } catch (IOException e) {
            throw new KafkaStorageException("Error closing partition " + topicPartition + " in " + dir + ": " + e, e);
        } finally {
            appendLock.unlock();
        }
    }

    /** Closes the log and deletes its directory with everything in it. */
    public void deleteAll() {
        appendLock.lock();
        try {
            closed = true;
            for (LogSegment segment : segments.values()) {
                segment.delete();
            }
            segments.clear();
            retention.deletePendingFiles(time.milliseconds(), true);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new KafkaStorageException("Error deleting partition " + topicPartition + " in " + dir + ": " + e, e);
        } finally {
            appendLock.unlock();
        }
    }

    /** Closes the files as a killed process would: nothing flushed, trimmed or checkpointed. For tests. */
    void crash() {
        appendLock.lock();
        try {
            closed = true;
            for (LogSegment segment : segments.values()) {
                segment.closeAbruptly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            appendLock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The log of partition " + topicPartition + " is closed");
        }
    }

    /**
     * Checks that segments are sorted with non-overlapping offset ranges, the last ends at the log end offset, the log
     * start offset lies in the first segment, and every index points where it should. For tests.
     */
    public void checkInvariants() {
        appendLock.lock();
        try {
            List<LogSegment> list = segmentsSnapshot();
            Checks.requireState(!list.isEmpty(), "partition %s has no segments", topicPartition);
            long firstBase = list.get(0).baseOffset();
            long startLimit = list.size() > 1 ? list.get(1).baseOffset() - 1 : logEnd.offset();
            Checks.requireState(logStartOffset >= firstBase && logStartOffset <= startLimit,
                "log start offset %d is outside the first segment's range [%d, %d]", logStartOffset, firstBase,
                startLimit);
            for (int i = 0; i < list.size(); i++) {
                LogSegment segment = list.get(i);
                segment.checkInvariants();
                long next = segment.readNextOffset();
                if (i + 1 < list.size()) {
                    long nextBase = list.get(i + 1).baseOffset();
                    Checks.requireState(next <= nextBase && segment.baseOffset() < nextBase,
                        "segment %s ends at %d, past the next segment's base %d", segment, next, nextBase);
                }
            }
            LogEnd end = logEnd;
            LogSegment last = list.get(list.size() - 1);
            Checks.requireState(end.segment() == last && end.position() == last.sizeInBytes()
                && end.offset() == last.readNextOffset(), "log end %s disagrees with the last segment %s (next %d)",
                end, last, last.readNextOffset());
            Checks.requireState(recoveryPoint <= end.offset(), "recovery point %d is past the log end %d",
                recoveryPoint, end.offset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            appendLock.unlock();
        }
    }
}
