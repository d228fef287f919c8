package dev.runnel.log.internal.cleaner;

import dev.runnel.common.utils.Checks;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A fixed-size map from a record key's MD5 hash to the latest offset seen for it, as Kafka's {@code SkimpyOffsetMap}.
 * Memory is fixed at construction: three longs per slot, with about {@code 1 / LOAD_FACTOR} slots per entry. Not
 * thread-safe; owned by one cleaner.
 */
final class OffsetMap {
    /*
     * Implementation notes.
     *
     * Keys are never stored, only their 128-bit MD5 digest (two longs), so an entry costs 24 bytes whatever the key's
     * size. Two distinct keys sharing a digest would make the cleaner drop the older one's latest value; for MD5 the
     * chance is about n^2 / 2^129, negligible for any n that fits in memory (Kafka accepts the same risk).
     *
     * Open addressing with linear probing over parallel arrays. A slot is empty while its offset is -1; offsets in the
     * log are never negative. The map never deletes, so probing stops at the first empty slot. The table has at least
     * capacity / LOAD_FACTOR slots, so with at most capacity entries a probe sequence stays short.
     */
    static final double LOAD_FACTOR = 0.75;
    private static final long EMPTY = -1L;

    private final int capacity;
    private final int slots;
    private final long[] hashHigh;
    private final long[] hashLow;
    private final long[] offsets;
    private final MessageDigest md5;
    private final byte[] digest = new byte[16];
    private int size;
    private long lookups;
    private long probes;

    /** Creates a map holding up to {@code capacity} distinct keys. */
    OffsetMap(int capacity) {
        Checks.requireArgument(capacity > 0 && capacity <= (1 << 28), "capacity must be in [1, 2^28], was %d",
            capacity);
        this.capacity = capacity;
        this.slots = (int) Math.min(Integer.MAX_VALUE - 8, (long) Math.ceil(capacity / LOAD_FACTOR) + 1);
        this.hashHigh = new long[slots];
        this.hashLow = new long[slots];
        this.offsets = new long[slots];
        Arrays.fill(offsets, EMPTY);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }

    /** The most distinct keys the map holds. */
    int capacity() {
        return capacity;
    }

    int size() {
        return size;
    }

    /** True if {@code newKeys} more distinct keys certainly fit. */
    boolean hasRoomFor(int newKeys) {
        return (long) size + newKeys <= capacity;
    }

    /** Empties the map, keeping its memory. */
    void clear() {
        Arrays.fill(offsets, EMPTY);
        size = 0;
        lookups = 0;
        probes = 0;
    }

    /**
     * Records {@code offset} as the latest for the key in {@code key[0, length)}, replacing a smaller one.
     *
     * @throws IllegalStateException if the key is new and the map already holds {@link #capacity()} keys
     */
    void put(byte[] key, int length, long offset) {
        int slot = find(key, length);
        if (offsets[slot] == EMPTY) {
            Checks.requireState(size < capacity, "the offset map is full with %d keys", size);
            hashHigh[slot] = high();
            hashLow[slot] = low();
            offsets[slot] = offset;
            size++;
        } else if (offset > offsets[slot]) {
            offsets[slot] = offset;
        }
    }

    /** Returns the latest offset recorded for the key in {@code key[0, length)}, or -1 if it has none. */
    long get(byte[] key, int length) {
        return offsets[find(key, length)];
    }

    /** Hashes the key and returns its slot, or the empty slot where it would go. */
    private int find(byte[] key, int length) {
        hash(key, length);
        long high = high();
        long low = low();
        int slot = (int) Long.remainderUnsigned(high ^ Long.rotateLeft(low, 31), slots);
        lookups++;
        while (offsets[slot] != EMPTY && (hashHigh[slot] != high || hashLow[slot] != low)) {
            probes++;
            slot = slot + 1 == slots ? 0 : slot + 1;
        }
        return slot;
    }

    private void hash(byte[] key, int length) {
        md5.update(key, 0, length);
        try {
            md5.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException("MD5 digest does not fit 16 bytes", e);
        }
    }

    private long high() {
        return readLong(0);
    }

    private long low() {
        return readLong(8);
    }

    private long readLong(int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (digest[i] & 0xFFL);
        }
        return value;
    }

    /** The average number of extra slots a lookup visited, for tests and logging. */
    double collisionRate() {
        return lookups == 0 ? 0 : (double) probes / lookups;
    }

    @Override
    public String toString() {
        return "OffsetMap(size=" + size + ", capacity=" + capacity + ", slots=" + slots + ")";
    }
}
