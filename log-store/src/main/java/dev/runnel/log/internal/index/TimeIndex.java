package dev.runnel.log.internal.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Maps timestamps to offsets in one segment, sparsely: an entry {@code (t, o)} says that the largest max timestamp of
 * the segment's batches up to and including the one holding offset {@code o} is {@code t}. Timestamps strictly
 * increase. Single writer; lookups are safe from any thread.
 */
public final class TimeIndex extends AbstractIndex {
    /**
     * Time index entry, 12 bytes, big-endian:
     * <pre>
     *  0  timestamp       int64   the segment's largest batch max timestamp so far, in ms
     *  8  relativeOffset  int32   an offset of the batch that carries it, minus the segment's base offset
     * </pre>
     */
    static final int TIMESTAMP_OFFSET = 0;
    static final int RELATIVE_OFFSET_OFFSET = TIMESTAMP_OFFSET + Long.BYTES;
    public static final int ENTRY_SIZE = RELATIVE_OFFSET_OFFSET + Integer.BYTES;

    /** The timestamp reported when there is no entry. */
    public static final long NO_TIMESTAMP = -1L;

    public TimeIndex(Path file, long baseOffset, int maxIndexBytes) throws IOException {
        super(file, baseOffset, maxIndexBytes, ENTRY_SIZE);
    }

    /**
     * Returns the last entry whose timestamp is strictly less than {@code timestampMs}, or
     * {@code (NO_TIMESTAMP, baseOffset)} when there is none. Every batch up to the returned entry's offset has a max
     * timestamp below {@code timestampMs}, so a scan for the first batch with max timestamp at least
     * {@code timestampMs} can start at the offset index position for that offset.
     */
    public TimestampOffset lookup(long timestampMs) {
        ByteBuffer buffer = buffer();
        int n = entries();
        int slot = timestampMs == Long.MIN_VALUE ? -1 : largestLowerBoundSlot(buffer, n, timestampMs - 1);
        return slot < 0 ? new TimestampOffset(NO_TIMESTAMP, baseOffset()) : entry(buffer, slot);
    }

    /** Returns the last entry, or {@code (NO_TIMESTAMP, baseOffset)} when empty. */
    public TimestampOffset lastEntry() {
        int n = entries();
        return n == 0 ? new TimestampOffset(NO_TIMESTAMP, baseOffset()) : entry(buffer(), n - 1);
    }

    public TimestampOffset entry(int n) {
        if (n < 0 || n >= entries()) {
            throw new IndexOutOfBoundsException("entry " + n + " of " + entries() + " in " + file().getFileName());
        }
        return entry(buffer(), n);
    }

    private TimestampOffset entry(ByteBuffer buffer, int n) {
        int at = n * ENTRY_SIZE;
        return new TimestampOffset(buffer.getLong(at + TIMESTAMP_OFFSET),
            baseOffset() + buffer.getInt(at + RELATIVE_OFFSET_OFFSET));
    }

    /**
     * Appends {@code (timestampMs, offset)} if the timestamp is larger than the last entry's and the index has room;
     * otherwise does nothing. Returns whether it appended. The offset must not be below the last entry's.
     */
    public boolean maybeAppend(long timestampMs, long offset) {
        int n = entries();
        if (timestampMs < 0 || n >= maxEntries()) {
            return false;
        }
        ByteBuffer buffer = buffer();
        if (n > 0) {
            int lastAt = (n - 1) * ENTRY_SIZE;
            if (timestampMs <= buffer.getLong(lastAt + TIMESTAMP_OFFSET)) {
                return false;
            }
            long lastOffset = baseOffset() + buffer.getInt(lastAt + RELATIVE_OFFSET_OFFSET);
            if (offset < lastOffset) {
                throw new IllegalArgumentException("Time index entry (" + timestampMs + ", " + offset
                    + ") goes back from offset " + lastOffset + " in " + file().getFileName());
            }
        }
        int relative = relativeOffset(offset);
        int at = n * ENTRY_SIZE;
        buffer.putLong(at + TIMESTAMP_OFFSET, timestampMs);
        buffer.putInt(at + RELATIVE_OFFSET_OFFSET, relative);
        publishAppend();
        return true;
    }

    /** Removes every entry whose offset is at least {@code offset}. */
    public void truncateTo(long offset) {
        ByteBuffer buffer = buffer();
        int n = entries();
        int keep = n;
        // Offsets are non-decreasing, so drop from the back; truncation is rare and the tail is short.
        while (keep > 0 && baseOffset() + buffer.getInt((keep - 1) * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET) >= offset) {
            keep--;
        }
        truncateToEntries(keep);
    }

    @Override
    protected long keyAt(ByteBuffer buffer, int n) {
        return buffer.getLong(n * ENTRY_SIZE + TIMESTAMP_OFFSET);
    }

    @Override
    protected void checkEntries(ByteBuffer buffer, int n) {
        int previous = 0;
        for (int i = 0; i < n; i++) {
            int relative = buffer.getInt(i * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET);
            if (relative < previous) {
                throw corrupt("entry %d has relative offset %d after %d; offsets must not decrease", i, relative,
                    previous);
            }
            previous = relative;
        }
    }
}
