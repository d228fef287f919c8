package dev.runnel.log.internal.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Maps offsets to byte positions in one segment's .log file, sparsely: one entry per {@code index.interval.bytes} of
 * log. {@link #lookup} returns the entry to start a forward scan from. Single writer; lookups are safe from any thread.
 */
public final class OffsetIndex extends AbstractIndex {
    /**
     * Offset index entry, 8 bytes, big-endian:
     * <pre>
     *  0  relativeOffset  int32   a batch's base offset minus the segment's base offset
     *  4  position        int32   byte position of that batch in the segment's .log file
     * </pre>
     */
    static final int RELATIVE_OFFSET_OFFSET = 0;
    static final int POSITION_OFFSET = RELATIVE_OFFSET_OFFSET + Integer.BYTES;
    public static final int ENTRY_SIZE = POSITION_OFFSET + Integer.BYTES;

    public OffsetIndex(Path file, long baseOffset, int maxIndexBytes) throws IOException {
        super(file, baseOffset, maxIndexBytes, ENTRY_SIZE);
    }

    /**
     * Returns the entry with the largest offset at most {@code targetOffset} (like {@code TreeMap.floorEntry}), or the
     * segment start {@code (baseOffset, 0)} when there is none.
     */
    public OffsetPosition lookup(long targetOffset) {
        ByteBuffer buffer = buffer();
        int n = entries();
        int slot = largestLowerBoundSlot(buffer, n, targetOffset - baseOffset());
        return slot < 0 ? new OffsetPosition(baseOffset(), 0) : entry(buffer, slot);
    }

    /** Returns entry {@code n}, which must exist. */
    public OffsetPosition entry(int n) {
        if (n < 0 || n >= entries()) {
            throw new IndexOutOfBoundsException("entry " + n + " of " + entries() + " in " + file().getFileName());
        }
        return entry(buffer(), n);
    }

    private OffsetPosition entry(ByteBuffer buffer, int n) {
        int at = n * ENTRY_SIZE;
        return new OffsetPosition(baseOffset() + buffer.getInt(at + RELATIVE_OFFSET_OFFSET),
            buffer.getInt(at + POSITION_OFFSET));
    }

    /** The offset of the last entry, or the base offset when empty. */
    public long lastOffset() {
        int n = entries();
        return n == 0 ? baseOffset() : baseOffset() + buffer().getInt((n - 1) * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET);
    }

    /**
     * Appends an entry. The offset must be larger than the last entry's and the position at least its position; the
     * index must not be full.
     */
    public void append(long offset, int position) {
        int n = entries();
        if (n >= maxEntries()) {
            throw new IllegalStateException("Index file " + file().getFileName() + " is full (" + n + " entries)");
        }
        if (n > 0) {
            ByteBuffer buffer = buffer();
            int lastAt = (n - 1) * ENTRY_SIZE;
            long lastOffset = baseOffset() + buffer.getInt(lastAt + RELATIVE_OFFSET_OFFSET);
            int lastPosition = buffer.getInt(lastAt + POSITION_OFFSET);
            if (offset <= lastOffset || position < lastPosition) {
                throw new IllegalArgumentException("Index entry (" + offset + ", " + position + ") does not follow ("
                    + lastOffset + ", " + lastPosition + ") in " + file().getFileName());
            }
        }
        int relative = relativeOffset(offset);
        ByteBuffer buffer = buffer();
        int at = n * ENTRY_SIZE;
        buffer.putInt(at + RELATIVE_OFFSET_OFFSET, relative);
        buffer.putInt(at + POSITION_OFFSET, position);
        publishAppend();
    }

    /** Removes every entry whose offset is at least {@code offset}. */
    public void truncateTo(long offset) {
        ByteBuffer buffer = buffer();
        int n = entries();
        int slot = largestLowerBoundSlot(buffer, n, offset - baseOffset());
        if (slot < 0) {
            truncateToEntries(0);
        } else if (keyAt(buffer, slot) == offset - baseOffset()) {
            truncateToEntries(slot);
        } else {
            truncateToEntries(slot + 1);
        }
    }

    @Override
    protected long keyAt(ByteBuffer buffer, int n) {
        return buffer.getInt(n * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET);
    }

    @Override
    protected void checkEntries(ByteBuffer buffer, int n) {
        int previous = -1;
        for (int i = 0; i < n; i++) {
            int relative = buffer.getInt(i * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET);
            int position = buffer.getInt(i * ENTRY_SIZE + POSITION_OFFSET);
            if (relative < 0 || position < 0 || position < previous) {
                throw corrupt("entry %d (relative offset %d, position %d) is negative or before the previous "
                    + "position %d", i, relative, position, previous);
            }
            previous = position;
        }
    }
}
