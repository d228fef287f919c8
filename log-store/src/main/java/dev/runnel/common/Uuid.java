package dev.runnel.common;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A 128-bit id written as 22 characters of URL-safe base64 without padding, as Kafka writes cluster, topic and
 * client instance ids. Immutable.
 */
public class Uuid implements Comparable<Uuid> {
    /** Never handed out by {@link #randomUuid()}; Kafka uses it for the metadata topic. */
    public static final Uuid ONE_UUID = new Uuid(0L, 1L);
    public static final Uuid METADATA_TOPIC_ID = ONE_UUID;
    /** Stands for "no id". */
    public static final Uuid ZERO_UUID = new Uuid(0L, 0L);
    public static final Set<Uuid> RESERVED = Set.of(ZERO_UUID, ONE_UUID);

    private static final int ENCODED_LENGTH = 22;

    private final long mostSignificantBits;
    private final long leastSignificantBits;

    public Uuid(long mostSignificantBits, long leastSignificantBits) {
        this.mostSignificantBits = mostSignificantBits;
        this.leastSignificantBits = leastSignificantBits;
    }

    /**
     * Returns a random id that is not reserved and whose string form does not start with '-', so that it cannot be
     * mistaken for a command-line option.
     */
    public static Uuid randomUuid() {
        while (true) {
            UUID random = UUID.randomUUID();
            Uuid id = new Uuid(random.getMostSignificantBits(), random.getLeastSignificantBits());
            if (!RESERVED.contains(id) && !id.toString().startsWith("-")) {
                return id;
            }
        }
    }

    public long getMostSignificantBits() {
        return mostSignificantBits;
    }

    public long getLeastSignificantBits() {
        return leastSignificantBits;
    }

    /**
     * Parses the 22-character base64 form.
     *
     * @throws IllegalArgumentException if {@code str} is not 22 characters of URL-safe base64 holding 16 bytes
     */
    public static Uuid fromString(String str) {
        if (str.length() > ENCODED_LENGTH) {
            throw new IllegalArgumentException("Input string with prefix `" + str.substring(0, ENCODED_LENGTH)
                + "` is too long to be decoded as a base64 UUID");
        }
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(str));
        if (bytes.remaining() != 2 * Long.BYTES) {
            throw new IllegalArgumentException("Input string `" + str + "` decoded as " + bytes.remaining()
                + " bytes, which is not equal to the expected 16 bytes of a base64-encoded UUID");
        }
        return new Uuid(bytes.getLong(), bytes.getLong());
    }

    public static Uuid[] toArray(List<Uuid> list) {
        return list == null ? null : list.toArray(new Uuid[0]);
    }

    public static List<Uuid> toList(Uuid[] array) {
        return array == null ? null : List.of(array);
    }

    @Override
    public String toString() {
        byte[] bytes = ByteBuffer.allocate(2 * Long.BYTES).putLong(mostSignificantBits).putLong(leastSignificantBits)
            .array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Uuid that && mostSignificantBits == that.mostSignificantBits
            && leastSignificantBits == that.leastSignificantBits;
    }

    @Override
    public int hashCode() {
        long xor = mostSignificantBits ^ leastSignificantBits;
        return (int) (xor >> 32) ^ (int) xor;
    }

    /** Orders by the most significant bits, then the least, both signed, as Kafka does. */
    @Override
    public int compareTo(Uuid other) {
        int most = Long.compare(mostSignificantBits, other.mostSignificantBits);
        return most != 0 ? most : Long.compare(leastSignificantBits, other.leastSignificantBits);
    }
}
