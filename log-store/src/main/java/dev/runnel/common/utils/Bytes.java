package dev.runnel.common.utils;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * An immutable view of a byte array with content-based {@code equals} and {@code hashCode} and unsigned
 * lexicographic ordering, so that serialized keys can be used in maps and sorted stores. The array is wrapped, not
 * copied: callers must not modify it after wrapping. Thread-safe if the array is not modified.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    /** Orders byte arrays lexicographically, comparing bytes as unsigned values, as the log's key order does. */
    public static final Comparator<byte[]> BYTES_LEXICO_COMPARATOR = Arrays::compareUnsigned;

    private final byte[] bytes;
    // Computed lazily; a racing recomputation writes the same value, so no synchronization is needed.
    private int hashCode;

    public Bytes(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /** Returns {@code bytes} wrapped, or {@code null} if {@code bytes} is {@code null}. */
    public static Bytes wrap(byte[] bytes) {
        return bytes == null ? null : new Bytes(bytes);
    }

    /** Returns the wrapped array itself, not a copy. */
    public byte[] get() {
        return bytes;
    }

    @Override
    public int hashCode() {
        int h = hashCode;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hashCode = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Bytes that && hashCode() == that.hashCode() && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int compareTo(Bytes that) {
        return Arrays.compareUnsigned(bytes, that.bytes);
    }

    /** Returns printable ASCII as is and every other byte, and the backslash, as {@code \xNN}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int ch = b & 0xFF;
            if (ch >= ' ' && ch <= '~' && ch != '\\') {
                out.append((char) ch);
            } else {
                out.append("\\x").append(Character.toUpperCase(Character.forDigit(ch >>> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(ch & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
