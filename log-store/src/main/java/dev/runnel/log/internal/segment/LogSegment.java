package dev.runnel.log.internal.segment;

import static dev.runnel.log.internal.record.RecordBatch.HEADER_SIZE;
import static dev.runnel.log.internal.record.RecordBatch.LAST_OFFSET_DELTA_OFFSET;
import static dev.runnel.log.internal.record.RecordBatch.LENGTH_OFFSET;
import static dev.runnel.log.internal.record.RecordBatch.LOG_OVERHEAD;
import static dev.runnel.log.internal.record.RecordBatch.MAGIC_OFFSET;
import static dev.runnel.log.internal.record.RecordBatch.MAX_TIMESTAMP_OFFSET;

import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.common.utils.Time;
import dev.runnel.log.internal.index.CorruptIndexException;
import dev.runnel.log.internal.index.OffsetIndex;
import dev.runnel.log.internal.index.OffsetPosition;
import dev.runnel.log.internal.index.TimeIndex;
import dev.runnel.log.internal.index.TimestampOffset;
import dev.runnel.log.internal.record.RecordBatch;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * One segment of a partition's log: a .log file of record batches starting at {@link #baseOffset()}, with its sparse
 * offset index and time index. Appends, truncation, recovery and file operations are done by the partition's single
 * writer; {@link #read}, {@link #findOffsetByTimestamp} and the accessors are safe from any thread, bounded by a
 * position the writer has published.
 *
 * <pre>{@code
 * LogSegment segment = LogSegment.open(dir, 0L, 4096, 10 * 1024 * 1024, "", Time.SYSTEM);
 * segment.append(lastOffset, maxTimestampMs, lastOffset, batches);
 * ByteBuffer fetched = segment.read(0L, 1024 * 1024, segment.sizeInBytes());
 * }</pre>
 */
public final class LogSegment implements Closeable {
    /*
     * Implementation notes.
     *
     * Index entries. Each batch that starts more than index.interval.bytes after the previous entry gets an offset
     * index entry (its base offset, its position) and a time index entry (the segment's running max timestamp and the
     * last offset of the batch that set it). A read looks up the floor entry of the offset index and then walks batch
     * headers forward; the walk covers at most about index.interval.bytes plus one batch.
     *
     * Reads never trust a length field blindly: every header is checked (length at least a header, batch inside the
     * readable bytes, magic 2) before it is used to skip ahead or size a buffer, and every batch returned passes its
     * CRC. A batch that fails stops the read before it; if it is the first, the read throws.
     *
     * Recovery scans from position 0, validating each batch (whole, magic 2, CRC, offsets increasing), rebuilds both
     * indexes as append would, and truncates the file at the first batch that fails. Batches up to
     * RECOVERY_BUFFER_LIMIT are checked with RecordBatch.isValid() on a reused buffer; larger ones stream their CRC.
     */
    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    /** Bytes of header the forward scans read: up to and including maxTimestamp. */
    static final int SCAN_HEADER_SIZE = MAX_TIMESTAMP_OFFSET + Long.BYTES;
    static final int RECOVERY_BUFFER_LIMIT = 16 * 1024 * 1024;

    private final long baseOffset;
    private final int indexIntervalBytes;
    private final int maxIndexBytes;
    private final Time time;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final RecordBatch appendView = new RecordBatch();
    private volatile Path logFile;
    private volatile int sizeBytes;
    private volatile long maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
    private volatile long offsetOfMaxTimestampSoFar;
    /** The offset after the last batch, or -1 when not yet known (a segment opened from disk). */
    private volatile long nextOffset = -1;
    private long rollBaseTimeMs;
    private int bytesSinceLastIndexEntry;
    private volatile boolean closed;

    private LogSegment(Path logFile, FileChannel channel, OffsetIndex offsetIndex, TimeIndex timeIndex,
                       long baseOffset, int indexIntervalBytes, int maxIndexBytes, Time time) throws IOException {
        this.logFile = logFile;
        this.channel = channel;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.baseOffset = baseOffset;
        this.indexIntervalBytes = indexIntervalBytes;
        this.maxIndexBytes = maxIndexBytes;
        this.time = time;
        this.sizeBytes = (int) Math.min(Integer.MAX_VALUE, channel.size());
        this.rollBaseTimeMs = time.milliseconds();
        this.offsetOfMaxTimestampSoFar = baseOffset;
        TimestampOffset last = timeIndex.lastEntry();
        if (last.timestampMs() != TimeIndex.NO_TIMESTAMP) {
            this.maxTimestampSoFar = last.timestampMs();
            this.offsetOfMaxTimestampSoFar = last.offset();
        }
        if (sizeBytes == 0) {
            this.nextOffset = baseOffset;
        }
    }

    /**
     * Opens the segment with base offset {@code baseOffset} in {@code dir}, creating empty files if there are none.
     * {@code suffix} is appended to every file name ({@code ""}, or {@code ".cleaned"} / {@code ".swap"} for the
     * cleaner). A new index file is preallocated to {@code maxIndexBytes}; an existing one keeps its size.
     */
    public static LogSegment open(Path dir, long baseOffset, int indexIntervalBytes, int maxIndexBytes, String suffix,
                                  Time time) throws IOException {
        Path log = dir.resolve(fileName(baseOffset, LOG_SUFFIX) + suffix);
        FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        try {
            OffsetIndex offsetIndex = new OffsetIndex(dir.resolve(fileName(baseOffset, INDEX_SUFFIX) + suffix),
                baseOffset, maxIndexBytes);
            TimeIndex timeIndex = new TimeIndex(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX) + suffix),
                baseOffset, maxIndexBytes);
            return new LogSegment(log, channel, offsetIndex, timeIndex, baseOffset, indexIntervalBytes, maxIndexBytes,
                time);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Returns the 20-digit zero-padded base offset followed by {@code suffix}, as Kafka names segment files. */
    public static String fileName(long baseOffset, String suffix) {
        return String.format(Locale.ROOT, "%020d", baseOffset) + suffix;
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** The .log file's size in bytes, as far as the writer has published it. */
    public int sizeInBytes() {
        return sizeBytes;
    }

    public Path logFile() {
        return logFile;
    }

    public OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    public TimeIndex timeIndex() {
        return timeIndex;
    }

    /** The largest batch max timestamp in the segment, or -1 when it holds none. */
    public long maxTimestampSoFar() {
        return maxTimestampSoFar;
    }

    /**
     * The timestamp that retention compares: the largest batch max timestamp, or the file's last-modified time when
     * the segment holds no timestamps (as Kafka does).
     */
    public long largestTimestamp() throws IOException {
        long max = maxTimestampSoFar;
        return max >= 0 ? max : Files.getLastModifiedTime(logFile).toMillis();
    }

    /** The time (ms) of the first append to this segment, or of its opening if it held data then. */
    public long rollBaseTimeMs() {
        return rollBaseTimeMs;
    }

    /**
     * Appends whole, validated batches whose offsets are already assigned, writing the caller's bytes as they are.
     * Adds index entries every {@code index.interval.bytes}. On an I/O error the file is cut back to its previous size
     * and the error is rethrown. Writer only.
     *
     * @param largestOffset        the last offset in {@code batches}
     * @param maxTimestampMs       the largest batch max timestamp in {@code batches}
     * @param offsetOfMaxTimestamp an offset of the batch carrying {@code maxTimestampMs}
     */
    public void append(long largestOffset, long maxTimestampMs, long offsetOfMaxTimestamp, ByteBuffer batches)
        throws IOException {
        int bytes = batches.remaining();
        if (bytes == 0) {
            return;
        }
        int startPosition = sizeBytes;
        if (largestOffset - baseOffset > Integer.MAX_VALUE || (long) startPosition + bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Batches up to offset " + largestOffset + " (" + bytes
                + " bytes) do not fit segment " + logFile.getFileName());
        }
        if (startPosition == 0) {
            rollBaseTimeMs = time.milliseconds();
        }
        try {
            writeFully(batches.duplicate(), startPosition);
        } catch (IOException e) {
            channel.truncate(startPosition);
            throw e;
        }
        indexBatches(batches, startPosition);
        if (maxTimestampMs > maxTimestampSoFar) {
            offsetOfMaxTimestampSoFar = offsetOfMaxTimestamp;
            maxTimestampSoFar = maxTimestampMs;
        }
        nextOffset = largestOffset + 1;
        sizeBytes = startPosition + bytes;
    }

    /** Walks the batch headers just written and adds the index entries they are due. */
    private void indexBatches(ByteBuffer batches, int startPosition) {
        int start = batches.position();
        int end = batches.limit();
        RecordBatch batch = appendView;
        for (int p = start; p < end; ) {
            batch.wrap(batches, p);
            int size = batch.sizeInBytes();
            long batchMax = batch.maxTimestamp();
            if (batchMax > maxTimestampSoFar) {
                maxTimestampSoFar = batchMax;
                offsetOfMaxTimestampSoFar = batch.lastOffset();
            }
            if (bytesSinceLastIndexEntry > indexIntervalBytes && !offsetIndex.isFull()) {
                offsetIndex.append(batch.baseOffset(), startPosition + (p - start));
                timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
                bytesSinceLastIndexEntry = 0;
            }
            bytesSinceLastIndexEntry += size;
            p += size;
        }
    }

    private void writeFully(ByteBuffer source, long position) throws IOException {
        long at = position;
        while (source.hasRemaining()) {
            at += channel.write(source, at);
        }
    }

    private void readFully(ByteBuffer target, long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int n = channel.read(target, at);
            if (n < 0) {
                throw new CorruptRecordException("unexpected end of " + logFile.getFileName() + " at position " + at);
            }
            at += n;
        }
    }

    /**
     * Reads whole batches starting with the one that contains {@code startOffset}: that batch even if it is larger
     * than {@code maxBytes}, then as many whole, valid batches as fit in {@code maxBytes}, never past
     * {@code maxPosition}. Returns a new heap buffer of exactly the bytes read, or {@code null} if no batch in the
     * readable part of the segment reaches {@code startOffset}. Throws {@link CorruptRecordException} with the reason
     * when the batch to return first, or a header on the way to it, is invalid.
     */
    public ByteBuffer read(long startOffset, int maxBytes, long maxPosition) throws IOException {
        return read(startOffset, maxBytes, maxPosition, null);
    }

    /**
     * As {@link #read(long, int, long)}, reading into {@code reuse} (from its start) when it is large enough; the
     * buffer returned is then {@code reuse} itself, else a new one.
     */
    public ByteBuffer read(long startOffset, int maxBytes, long maxPosition, ByteBuffer reuse) throws IOException {
        int limit = (int) Math.min(maxPosition, sizeBytes);
        OffsetPosition from = offsetIndex.lookup(startOffset);
        ByteBuffer header = ByteBuffer.allocate(SCAN_HEADER_SIZE);
        int position = from.position();
        while (position < limit) {
            int size = readHeader(header, position, limit);
            long lastOffset = header.getLong(0) + header.getInt(LAST_OFFSET_DELTA_OFFSET);
            if (lastOffset >= startOffset) {
                return readBatches(position, size, maxBytes, limit, reuse);
            }
            position += size;
        }
        return null;
    }

    private ByteBuffer readBatches(int position, int firstSize, int maxBytes, int limit, ByteBuffer reuse)
        throws IOException {
        int chunk = firstSize >= maxBytes ? firstSize : Math.min(maxBytes, limit - position);
        ByteBuffer buffer = reuse != null && reuse.capacity() >= chunk ? reuse.clear().limit(chunk)
            : ByteBuffer.allocate(chunk);
        readFully(buffer, position);
        buffer.flip();
        RecordBatch batch = new RecordBatch();
        if (!batch.wrap(buffer, 0).isValid()) {
            throw new CorruptRecordException(invalidReason(batch, position));
        }
        // Later batches get a structural check only: consumers verify every CRC (check.crcs), so a second CRC pass
        // here would only cost time. A bad length still ends the read before it.
        int end = batch.sizeInBytes();
        while (chunk - end >= HEADER_SIZE && isWholeBatch(batch.wrap(buffer, end), chunk - end)) {
            end += batch.sizeInBytes();
        }
        // A partial batch at the tail is cut off by the limit, without copying.
        return buffer.limit(end);
    }

    private static boolean isWholeBatch(RecordBatch batch, int available) {
        int length = batch.batchLength();
        return batch.magic() == RecordBatch.MAGIC && length >= HEADER_SIZE - RecordBatch.LOG_OVERHEAD
            && length <= available - RecordBatch.LOG_OVERHEAD;
    }

    private String invalidReason(RecordBatch batch, int position) {
        String where = "batch at position " + position + " of " + logFile.getFileName();
        if (batch.magic() != RecordBatch.MAGIC) {
            return where + " has magic " + batch.magic() + ", expected " + RecordBatch.MAGIC;
        }
        return where + " failed its CRC check: stored " + batch.checksum() + ", computed " + batch.computeChecksum();
    }

    /**
     * Reads the scan header at {@code position} into {@code header} and returns the batch's size after checking that
     * it is plausible: at least a header, inside {@code limit}, magic 2.
     */
    private int readHeader(ByteBuffer header, int position, int limit) throws IOException {
        if (limit - position < HEADER_SIZE) {
            throw new CorruptRecordException(limit - position + " bytes at position " + position + " of "
                + logFile.getFileName() + " are too short for a batch header");
        }
        header.clear();
        readFully(header, position);
        int length = header.getInt(LENGTH_OFFSET);
        if (length < HEADER_SIZE - LOG_OVERHEAD || length > limit - position - LOG_OVERHEAD) {
            throw new CorruptRecordException("batch at position " + position + " of " + logFile.getFileName()
                + " has length " + length + ", outside [" + (HEADER_SIZE - LOG_OVERHEAD) + ", "
                + (limit - position - LOG_OVERHEAD) + "]");
        }
        if (header.get(MAGIC_OFFSET) != RecordBatch.MAGIC) {
            throw new CorruptRecordException("batch at position " + position + " of " + logFile.getFileName()
                + " has magic " + header.get(MAGIC_OFFSET) + ", expected " + RecordBatch.MAGIC);
        }
        return LOG_OVERHEAD + length;
    }

    /**
     * Returns the base offset of the first batch whose max timestamp is at least {@code timestampMs}, reading no
     * further than {@code maxPosition}, or -1 if there is none.
     */
    public long findOffsetByTimestamp(long timestampMs, long maxPosition) throws IOException {
        if (maxTimestampSoFar < timestampMs) {
            return -1;
        }
        int limit = (int) Math.min(maxPosition, sizeBytes);
        TimestampOffset entry = timeIndex.lookup(timestampMs);
        int position = entry.timestampMs() == TimeIndex.NO_TIMESTAMP ? 0
            : offsetIndex.lookup(entry.offset()).position();
        ByteBuffer header = ByteBuffer.allocate(SCAN_HEADER_SIZE);
        while (position < limit) {
            int size = readHeader(header, position, limit);
            if (header.getLong(MAX_TIMESTAMP_OFFSET) >= timestampMs) {
                return header.getLong(0);
            }
            position += size;
        }
        return -1;
    }

    /** Returns the offset after the last batch, the base offset when empty; scans from the last index entry once. */
    public long readNextOffset() throws IOException {
        long known = nextOffset;
        if (known >= 0) {
            return known;
        }
        int limit = sizeBytes;
        ByteBuffer header = ByteBuffer.allocate(SCAN_HEADER_SIZE);
        int position = offsetIndex.entries() == 0 ? 0 : offsetIndex.lookup(Long.MAX_VALUE).position();
        long next = baseOffset;
        while (position < limit) {
            int size = readHeader(header, position, limit);
            next = header.getLong(0) + header.getInt(LAST_OFFSET_DELTA_OFFSET) + 1;
            position += size;
        }
        nextOffset = next;
        return next;
    }

    /**
     * Rebuilds both indexes by scanning every batch from the start, and truncates the file at the first batch that is
     * torn or corrupt (short, bad length, bad magic, bad CRC, or offsets going backwards). Returns the bytes truncated.
     * Writer only.
     */
    public long recover() throws IOException {
        offsetIndex.reset();
        timeIndex.reset();
        // A trimmed index has no room to grow; give it segment.index.bytes again while it is rebuilt.
        resizeIndexes(maxIndexBytes);
        maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
        offsetOfMaxTimestampSoFar = baseOffset;
        bytesSinceLastIndexEntry = 0;
        long fileSize = channel.size();
        long limit = Math.min(fileSize, Integer.MAX_VALUE);
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        RecordBatch batch = new RecordBatch();
        int position = 0;
        long next = baseOffset;
        while (limit - position >= HEADER_SIZE) {
            header.clear();
            readFully(header, position);
            int length = header.getInt(LENGTH_OFFSET);
            if (length < HEADER_SIZE - LOG_OVERHEAD || length > limit - position - LOG_OVERHEAD) {
                break;
            }
            int size = LOG_OVERHEAD + length;
            if (size <= RECOVERY_BUFFER_LIMIT) {
                if (buffer.capacity() < size) {
                    int grown = Math.min(RECOVERY_BUFFER_LIMIT, buffer.capacity() * 2);
                    buffer = ByteBuffer.allocate(Math.max(size, grown));
                }
                buffer.clear().limit(size);
                readFully(buffer, position);
                if (!batch.wrap(buffer.flip(), 0).isValid()) {
                    break;
                }
            } else if (!streamedBatchIsValid(batch.wrap(header, 0), position, size)) {
                break;
            }
            long batchBase = batch.baseOffset();
            if (batchBase < next) {
                break;
            }
            if (batch.maxTimestamp() > maxTimestampSoFar) {
                maxTimestampSoFar = batch.maxTimestamp();
                offsetOfMaxTimestampSoFar = batch.lastOffset();
            }
            if (bytesSinceLastIndexEntry > indexIntervalBytes && !offsetIndex.isFull()) {
                offsetIndex.append(batchBase, position);
                timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
                bytesSinceLastIndexEntry = 0;
            }
            bytesSinceLastIndexEntry += size;
            next = batch.lastOffset() + 1;
            position += size;
        }
        timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
        long truncated = fileSize - position;
        if (truncated > 0) {
            channel.truncate(position);
        }
        sizeBytes = position;
        nextOffset = next;
        return truncated;
    }

    /** Validates a batch too large for the recovery buffer: header fields from {@code batch}, CRC streamed. */
    private boolean streamedBatchIsValid(RecordBatch batch, int position, int size) throws IOException {
        if (batch.magic() != RecordBatch.MAGIC || batch.lastOffsetDelta() < 0) {
            return false;
        }
        CRC32C crc = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocate(1024 * 1024);
        long at = position + RecordBatch.ATTRIBUTES_OFFSET;
        long end = (long) position + size;
        while (at < end) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), end - at));
            readFully(chunk, at);
            at += chunk.limit();
            crc.update(chunk.flip());
        }
        return crc.getValue() == batch.checksum();
    }

    /**
     * Removes every batch from the one containing {@code offset} on, and the index entries for them. Returns the bytes
     * removed. Writer only.
     */
    public long truncateTo(long offset) throws IOException {
        int limit = sizeBytes;
        ByteBuffer header = ByteBuffer.allocate(SCAN_HEADER_SIZE);
        int position = offsetIndex.lookup(offset).position();
        long cutBatchBaseOffset = -1;
        while (position < limit) {
            int size = readHeader(header, position, limit);
            if (header.getLong(0) + header.getInt(LAST_OFFSET_DELTA_OFFSET) >= offset) {
                cutBatchBaseOffset = header.getLong(0);
                break;
            }
            position += size;
        }
        if (position >= limit) {
            return 0;
        }
        long cutFrom = position;
        long removed = limit - cutFrom;
        // The whole batch holding offset goes, so its index entries go too, even when offset is inside it.
        offsetIndex.truncateTo(cutBatchBaseOffset);
        timeIndex.truncateTo(cutBatchBaseOffset);
        channel.truncate(cutFrom);
        sizeBytes = position;
        nextOffset = -1;
        bytesSinceLastIndexEntry = 0;
        TimestampOffset last = timeIndex.lastEntry();
        maxTimestampSoFar = last.timestampMs();
        offsetOfMaxTimestampSoFar = last.timestampMs() == TimeIndex.NO_TIMESTAMP ? baseOffset : last.offset();
        if (position == 0) {
            nextOffset = baseOffset;
        }
        return removed;
    }

    /**
     * Checks both index files' structure and that the offset index's last entry lies inside the .log file. Throws
     * {@link CorruptIndexException} naming the file.
     */
    public void sanityCheckIndexes() {
        offsetIndex.sanityCheck();
        timeIndex.sanityCheck();
        if (offsetIndex.entries() > 0) {
            OffsetPosition last = offsetIndex.entry(offsetIndex.entries() - 1);
            if (last.position() >= sizeBytes) {
                throw new CorruptIndexException("Index file "
                    + offsetIndex.file().getFileName() + " is corrupt: last entry " + last
                    + " points past the end of the log at " + sizeBytes);
            }
        }
    }

    /** Fsyncs the .log file and writes the indexes' dirty pages. */
    public void flush() throws IOException {
        flushRecords();
        flushIndexes();
    }

    /** Fsyncs the .log file only. */
    public void flushRecords() throws IOException {
        channel.force(false);
    }

    /** Writes the indexes' dirty pages. */
    public void flushIndexes() throws IOException {
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Preallocates both indexes to {@code maxIndexBytes} so the segment can take appends again. Writer only. */
    public void resizeIndexes(int maxIndexBytes) throws IOException {
        offsetIndex.resize(maxIndexBytes);
        timeIndex.resize(maxIndexBytes);
    }

    /**
     * Prepares the segment to stop taking appends: records the segment's max timestamp in the time index, so that a
     * later open finds it there, and trims both indexes. Writer only.
     */
    public void onBecomeInactive() throws IOException {
        timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    /**
     * Renames all three files from suffix {@code oldSuffix} to {@code newSuffix}; the .log file is renamed last, so
     * that its name is the commit point of the change.
     */
    public void changeFileSuffixes(String oldSuffix, String newSuffix) throws IOException {
        offsetIndex.renameTo(withSuffix(offsetIndex.file(), oldSuffix, newSuffix));
        timeIndex.renameTo(withSuffix(timeIndex.file(), oldSuffix, newSuffix));
        Path target = withSuffix(logFile, oldSuffix, newSuffix);
        Files.move(logFile, target, StandardCopyOption.ATOMIC_MOVE);
        logFile = target;
    }

    private static Path withSuffix(Path file, String oldSuffix, String newSuffix) {
        String name = file.getFileName().toString();
        if (!name.endsWith(oldSuffix)) {
            throw new IllegalArgumentException(name + " does not end with '" + oldSuffix + "'");
        }
        return file.resolveSibling(name.substring(0, name.length() - oldSuffix.length()) + newSuffix);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Records the max timestamp in the time index, trims the indexes and closes the file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            onBecomeInactive();
        } finally {
            channel.close();
        }
    }

    /** Closes the file without touching the indexes, as a crash would leave them. For tests. */
    void closeAbruptly() throws IOException {
        closed = true;
        channel.close();
    }

    /** Closes the segment if open and deletes its three files. */
    public void delete() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
        Files.deleteIfExists(logFile);
        offsetIndex.deleteIfExists();
        timeIndex.deleteIfExists();
    }

    /**
     * Checks that every offset index entry points at a batch with that base offset inside the file, and that time
     * index entries stay inside the segment. Throws {@link IllegalStateException} otherwise. For tests.
     */
    void checkInvariants() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(SCAN_HEADER_SIZE);
        for (int i = 0; i < offsetIndex.entries(); i++) {
            OffsetPosition entry = offsetIndex.entry(i);
            if (entry.position() >= sizeBytes) {
                throw new IllegalStateException(offsetIndex.file().getFileName() + " entry " + entry
                    + " is past the end of the log at " + sizeBytes);
            }
            readHeader(header, entry.position(), sizeBytes);
            if (header.getLong(0) != entry.offset()) {
                throw new IllegalStateException(offsetIndex.file().getFileName() + " entry " + entry
                    + " points at a batch with base offset " + header.getLong(0));
            }
        }
        long next = readNextOffset();
        for (int i = 0; i < timeIndex.entries(); i++) {
            TimestampOffset entry = timeIndex.entry(i);
            if (entry.offset() < baseOffset || entry.offset() >= Math.max(next, baseOffset + 1)) {
                throw new IllegalStateException(timeIndex.file().getFileName() + " entry " + entry
                    + " is outside [" + baseOffset + ", " + next + ")");
            }
            if (entry.timestampMs() > maxTimestampSoFar) {
                throw new IllegalStateException(timeIndex.file().getFileName() + " entry " + entry
                    + " is above the segment's max timestamp " + maxTimestampSoFar);
            }
        }
    }

    @Override
    public String toString() {
        return "LogSegment(baseOffset=" + baseOffset + ", size=" + sizeBytes + ", file=" + logFile.getFileName() + ")";
    }
}
