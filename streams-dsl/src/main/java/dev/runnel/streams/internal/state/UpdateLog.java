package dev.runnel.streams.internal.state;

import java.util.Arrays;

/**
 * A caching layer's entries in the order of their last update, oldest first, so that it writes them down in that order
 * without sorting them. Not thread-safe; owned by the stream thread of the caching layer.
 */
/*
 * Implementation notes. Every update appends the entry to an array and clears the entry's earlier slot, found through
 * the entry's position; a cleared slot is stale, and is skipped when the oldest entries are taken, without reading an
 * entry. An update thus costs a store at the end of the array and one into its middle. A linked list in update order
 * (Kafka's NamedCache) costs stores into the neighbours of the entry moved, each a cache miss once the entries outgrow
 * the CPU cache; sorting the entries by a sequence number at each write-down cost a word count over 200K keys a tenth
 * of its time, each comparison a miss.
 *
 * When the array is full, it makes room without growing when it can: if at least seven eighths of the slots are stale,
 * the live ones slide to the front, each entry told its new position; else, if the taken slots before the head are at
 * least half the array, the slots slide to the front as they are, and the positions stay, the array's base position
 * moving instead (an array copy that reads no entry: a cache being written down piece by piece takes from the head all
 * the time). Telling an entry its position is a write into it, so the array lets stale slots pile up to about eight
 * times the listed entries (4 bytes a slot): a word count over 10K keys, which updates cached entries and never
 * takes one, spent 1.7% of its time sliding slots at half stale, 0.5% at seven eighths.
 */
final class UpdateLog {
    private static final int INITIAL_CAPACITY = 64;

    /** The listed entries by position minus {@link #base}, oldest first; null in a stale or taken slot. */
    private ThreadCache.Entry[] entries = new ThreadCache.Entry[INITIAL_CAPACITY];
    /** The position of slot 0. */
    private long base;
    /** The oldest slot not yet taken. */
    private int head;
    /** The first free slot. */
    private int tail;
    /** How many slots in {@code [head, tail)} are stale. */
    private int stale;

    /** Lists {@code entry} as the most recently updated; its earlier slot, if still listed, turns stale. */
    void append(ThreadCache.Entry entry) {
        if (tail == entries.length) {
            makeRoom();
        }
        if (entry.logPosition >= 0) {
            entries[(int) (entry.logPosition - base)] = null;
            stale++;
        }
        entries[tail] = entry;
        entry.logPosition = base + tail;
        tail++;
    }

    /** Removes and returns the least recently updated entry, or null if none is listed. */
    ThreadCache.Entry takeOldest() {
        while (head < tail) {
            ThreadCache.Entry entry = entries[head];
            entries[head] = null;
            head++;
            if (entry != null) {
                entry.logPosition = -1;
                return entry;
            }
            stale--;
        }
        return null;
    }

    /** Unlists every entry. */
    void clear() {
        for (int i = head; i < tail; i++) {
            if (entries[i] != null) {
                entries[i].logPosition = -1;
            }
        }
        Arrays.fill(entries, head, tail, null);
        head = 0;
        tail = 0;
        stale = 0;
    }

    /** Returns the number of entries listed. */
    int size() {
        return tail - head - stale;
    }

    private void makeRoom() {
        int used = tail - head;
        if (stale * 8 >= used * 7) {
            dropStale();
        } else if (head * 2 >= entries.length) {
            System.arraycopy(entries, head, entries, 0, used);
            Arrays.fill(entries, used, tail, null);
            base += head;
            head = 0;
            tail = used;
        } else {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
    }

    /** Slides the live slots to the front, in order. */
    private void dropStale() {
        int kept = 0;
        for (int i = head; i < tail; i++) {
            ThreadCache.Entry entry = entries[i];
            if (entry != null) {
                entries[kept] = entry;
                entry.logPosition = base + kept;
                kept++;
            }
        }
        Arrays.fill(entries, kept, tail, null);
        head = 0;
        tail = kept;
        stale = 0;
    }

    /** Checks that each listed entry's position is its slot, and the stale count (for tests). */
    void checkInvariants() {
        int live = 0;
        for (int i = head; i < tail; i++) {
            ThreadCache.Entry entry = entries[i];
            if (entry != null) {
                live++;
                if (entry.logPosition != base + i) {
                    throw new IllegalStateException("Entry " + entry.key() + " in slot " + (base + i)
                        + " has position " + entry.logPosition);
                }
            }
        }
        if (live != tail - head - stale) {
            throw new IllegalStateException("Listed " + live + " entries, counted " + (tail - head - stale));
        }
    }
}
