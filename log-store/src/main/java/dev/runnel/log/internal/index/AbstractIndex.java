package dev.runnel.log.internal.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A sparse, memory-mapped index of fixed-size entries sorted by a {@code long} key, belonging to one segment. Appends,
 * truncation and resizing are done by the partition's single writer; lookups may run concurrently from any thread.
 */
public abstract class AbstractIndex implements Closeable {
    /*
     * Implementation notes.
     *
     * The file is preallocated to segment.index.bytes (rounded down to a whole entry) when created, so appends are
     * plain stores into the mapping, and trimmed to its entries when the segment stops being active. An existing file
     * is mapped at its current length, which gives its entry count; a file that was preallocated and never trimmed
     * (a crash) then shows trailing zero entries, which sanityCheck() reports as non-increasing keys, so the segment
     * rebuilds it.
     *
     * Lookups are a binary search for the largest key <= target. As in Kafka's AbstractIndex, the search first tries
     * the last WARM_SECTION_BYTES of entries: consumers near the tail and appends touch only those pages, so they stay
     * resident, and a search that starts over the whole file would fault in pages in the cold middle on every lookup.
     *
     * Publication: the writer stores an entry's bytes and then increments the volatile entry count; a reader reads the
     * count first, so it only ever reads entries whose bytes are visible. The mapping itself is volatile because
     * resize() replaces it; a reader reads it once per lookup.
     */
    static final int WARM_SECTION_BYTES = 8192;

    private final long baseOffset;
    private final int entrySize;
    private volatile Path file;
    private volatile MappedByteBuffer mmap;
    private volatile int entries;
    private int maxEntries;
    private long initialFileBytes;

    protected AbstractIndex(Path file, long baseOffset, int maxIndexBytes, int entrySize) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long length = raf.length();
            this.initialFileBytes = length;
            if (length == 0) {
                length = roundDown(maxIndexBytes);
                raf.setLength(length);
                this.entries = 0;
            } else {
                this.entries = (int) (length / entrySize);
            }
            this.mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
            this.maxEntries = (int) (length / entrySize);
        }
    }

    public Path file() {
        return file;
    }

    public long baseOffset() {
        return baseOffset;
    }

    public int entries() {
        return entries;
    }

    public int maxEntries() {
        return maxEntries;
    }

    public boolean isFull() {
        return entries >= maxEntries;
    }

    /** The bytes its entries take; the file may be larger while preallocated. */
    public int sizeInBytes() {
        return entries * entrySize;
    }

    /**
     * Checks the file's structure: a whole number of entries and strictly increasing keys, plus the subclass's checks.
     * Throws {@link CorruptIndexException} naming the file and the first problem.
     */
    public void sanityCheck() {
        if (initialFileBytes % entrySize != 0) {
            throw corrupt("%d bytes is not a multiple of entry size %d", initialFileBytes, entrySize);
        }
        ByteBuffer buffer = mmap;
        int n = entries;
        for (int i = 1; i < n; i++) {
            long previous = keyAt(buffer, i - 1);
            long current = keyAt(buffer, i);
            if (current <= previous) {
                throw corrupt("entry %d has key %d after key %d; keys must increase", i, current, previous);
            }
        }
        checkEntries(buffer, n);
    }

    /** Subclass checks beyond increasing keys; throws {@link #corrupt} on failure. */
    protected abstract void checkEntries(ByteBuffer buffer, int n);

    protected CorruptIndexException corrupt(String template, Object... args) {
        return new CorruptIndexException("Index file " + file.getFileName() + " is corrupt: "
            + String.format(Locale.ROOT, template, args));
    }

    /** Returns the key (offset or timestamp) of entry {@code n}. */
    protected abstract long keyAt(ByteBuffer buffer, int n);

    protected final ByteBuffer buffer() {
        return mmap;
    }

    protected final int entrySize() {
        return entrySize;
    }

    /** Returns the slot of the largest entry whose key is at most {@code target}, or -1 if there is none. */
    protected final int largestLowerBoundSlot(ByteBuffer buffer, int n, long target) {
        if (n == 0 || keyAt(buffer, 0) > target) {
            return -1;
        }
        int firstWarm = Math.max(0, n - WARM_SECTION_BYTES / entrySize);
        if (keyAt(buffer, firstWarm) <= target) {
            return binarySearch(buffer, target, firstWarm, n - 1);
        }
        return binarySearch(buffer, target, 0, firstWarm);
    }

    /** Binary search in [lo, hi] where keyAt(lo) <= target is known. */
    private int binarySearch(ByteBuffer buffer, long target, int lowSlot, int highSlot) {
        int lo = lowSlot;
        int hi = highSlot;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (keyAt(buffer, mid) <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Makes the entry just written at slot {@link #entries()} visible to readers. */
    protected final void publishAppend() {
        entries = entries + 1;
    }

    /** Drops every entry from slot {@code n} on. */
    protected final void truncateToEntries(int n) {
        entries = Math.min(entries, Math.max(0, n));
    }

    /** Removes every entry. */
    public void reset() throws IOException {
        entries = 0;
        initialFileBytes = roundDown(initialFileBytes);
    }

    /**
     * Remaps the file at {@code newBytes} rounded down to a whole entry, never below the current entries. Used to
     * preallocate an index that becomes active and to trim one that stops being active.
     */
    public synchronized void resize(int newBytes) throws IOException {
        long length = Math.max(roundDown(newBytes), (long) entries * entrySize);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (raf.length() == length && mmap.capacity() == length) {
                return;
            }
            // Map the new length before shrinking the file, so that a concurrent reader holding the old mapping only
            // ever touches entries that stay inside the file.
            raf.setLength(Math.max(length, raf.length()));
            MappedByteBuffer remapped = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
            mmap = remapped;
            raf.setLength(length);
            maxEntries = (int) (length / entrySize);
        }
    }

    /** Trims the file to its entries. */
    public void trimToValidSize() throws IOException {
        resize(entries * entrySize);
    }

    /** Writes dirty pages of the mapping to disk; serialised with resize() so it never forces a stale mapping. */
    public synchronized void flush() {
        mmap.force();
    }

    /** Renames the file, for example to add or remove a .swap or .deleted suffix. The mapping stays valid. */
    public void renameTo(Path target) throws IOException {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        file = target;
    }

    public void deleteIfExists() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Trims the file; the mapping itself is released by the garbage collector. */
    @Override
    public void close() throws IOException {
        trimToValidSize();
    }

    private long roundDown(long bytes) {
        return bytes / entrySize * entrySize;
    }

    protected final int relativeOffset(long offset) {
        long relative = offset - baseOffset;
        if (relative < 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Offset " + offset + " does not fit index " + file.getFileName()
                + " with base offset " + baseOffset);
        }
        return (int) relative;
    }
}
