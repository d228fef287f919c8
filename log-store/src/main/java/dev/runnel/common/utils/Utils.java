package dev.runnel.common.utils;

/** Hashing helpers whose results must match Kafka's bit for bit, so that keys land in the same partitions. */
public final class Utils {
    /*
     * Implementation notes: MurmurHash2, 32-bit, by Austin Appleby (public domain), with the seed and the
     * signed-int arithmetic of Kafka's Utils.murmur2. The body mixes each 4-byte little-endian chunk into h; the
     * 1-3 trailing bytes are xor-ed in from the highest down (the switch falls through on purpose), followed by
     * one multiply; a final avalanche spreads the last bits. Changing anything here moves keys to other partitions.
     */
    private static final int MURMUR2_SEED = 0x9747b28c;
    private static final int MURMUR2_M = 0x5bd1e995;
    private static final int MURMUR2_R = 24;

    private Utils() {
    }

    /** Returns the 32-bit MurmurHash2 of {@code data}, exactly as Kafka's {@code Utils.murmur2} computes it. */
    public static int murmur2(byte[] data) {
        int length = data.length;
        int h = MURMUR2_SEED ^ length;
        int bodyLength = length & ~3;

        for (int i = 0; i < bodyLength; i += 4) {
            int k = (data[i] & 0xFF)
                | (data[i + 1] & 0xFF) << 8
                | (data[i + 2] & 0xFF) << 16
                | (data[i + 3] & 0xFF) << 24;
            k *= MURMUR2_M;
            k ^= k >>> MURMUR2_R;
            k *= MURMUR2_M;
            h *= MURMUR2_M;
            h ^= k;
        }

        switch (length & 3) {
            case 3:
                h ^= (data[bodyLength + 2] & 0xFF) << 16;
                // fall through
            case 2:
                h ^= (data[bodyLength + 1] & 0xFF) << 8;
                // fall through
            case 1:
                h ^= data[bodyLength] & 0xFF;
                h *= MURMUR2_M;
                break;
            default:
                break;
        }

        h ^= h >>> 13;
        h *= MURMUR2_M;
        h ^= h >>> 15;
        return h;
    }

    /**
     * Returns {@code number} with its sign bit cleared. Unlike {@link Math#abs(int)} it maps
     * {@link Integer#MIN_VALUE} to 0 rather than to a negative number, so {@code toPositive(h) % n} is always a valid
     * partition.
     */
    public static int toPositive(int number) {
        return number & 0x7fffffff;
    }
}
