package dev.runnel.log.internal.record;

import java.nio.ByteBuffer;

/**
 * Varint and varlong coding as in protobuf and Kafka: little-endian groups of seven bits, the high bit set on every
 * byte but the last. Signed values are zig-zag encoded first ({@code (n << 1) ^ (n >> 31)}), so small negative
 * numbers stay short: 0 is {@code 00}, -1 is {@code 01}, 1 is {@code 02}, 300 is {@code d8 04}. An int takes at most
 * 5 bytes, a long at most 10. Relative methods move the buffer's position; absolute ones leave it alone.
 */
public final class ByteUtils {
    /** The longest encoding of an int. */
    public static final int MAX_VARINT_SIZE = 5;
    /** The longest encoding of a long. */
    public static final int MAX_VARLONG_SIZE = 10;

    private ByteUtils() {
    }

    /** Reads an unsigned varint at the buffer's position. Throws IllegalArgumentException past five bytes. */
    public static int readUnsignedVarint(ByteBuffer buffer) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = buffer.get();
            value |= (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("Varint is longer than " + MAX_VARINT_SIZE + " bytes");
    }

    /** Reads a zig-zag varint at the buffer's position. */
    public static int readVarint(ByteBuffer buffer) {
        int raw = readUnsignedVarint(buffer);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** Reads an unsigned varlong at the buffer's position. Throws IllegalArgumentException past ten bytes. */
    public static long readUnsignedVarlong(ByteBuffer buffer) {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = buffer.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("Varlong is longer than " + MAX_VARLONG_SIZE + " bytes");
    }

    /** Reads a zig-zag varlong at the buffer's position. */
    public static long readVarlong(ByteBuffer buffer) {
        long raw = readUnsignedVarlong(buffer);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** Reads a zig-zag varint at {@code index} without moving the position. */
    public static int readVarint(ByteBuffer buffer, int index) {
        int value = 0;
        for (int i = 0; i < MAX_VARINT_SIZE; i++) {
            byte b = buffer.get(index + i);
            value |= (b & 0x7f) << (7 * i);
            if (b >= 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new IllegalArgumentException("Varint is longer than " + MAX_VARINT_SIZE + " bytes");
    }

    /** Writes an unsigned varint at the buffer's position. */
    public static void writeUnsignedVarint(int value, ByteBuffer buffer) {
        int v = value;
        while ((v & 0xffffff80) != 0) {
            buffer.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buffer.put((byte) v);
    }

    /** Writes a zig-zag varint at the buffer's position. */
    public static void writeVarint(int value, ByteBuffer buffer) {
        writeUnsignedVarint((value << 1) ^ (value >> 31), buffer);
    }

    /** Writes an unsigned varlong at the buffer's position. */
    public static void writeUnsignedVarlong(long value, ByteBuffer buffer) {
        long v = value;
        while ((v & 0xffffffffffffff80L) != 0L) {
            buffer.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buffer.put((byte) v);
    }

    /** Writes a zig-zag varlong at the buffer's position. */
    public static void writeVarlong(long value, ByteBuffer buffer) {
        writeUnsignedVarlong((value << 1) ^ (value >> 63), buffer);
    }

    /** Writes a zig-zag varint at {@code index} without moving the position and returns the bytes written. */
    /** Writes a zig-zag varint into {@code array} at {@code index}; returns the index after it. */
    public static int writeVarint(int value, byte[] array, int index) {
        int v = (value << 1) ^ (value >> 31);
        int i = index;
        while ((v & 0xffffff80) != 0) {
            array[i++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        array[i++] = (byte) v;
        return i;
    }

    /** Writes a zig-zag varlong into {@code array} at {@code index}; returns the index after it. */
    public static int writeVarlong(long value, byte[] array, int index) {
        long v = (value << 1) ^ (value >> 63);
        int i = index;
        while ((v & 0xffffffffffffff80L) != 0L) {
            array[i++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        array[i++] = (byte) v;
        return i;
    }

    public static int writeVarint(int value, ByteBuffer buffer, int index) {
        int v = (value << 1) ^ (value >> 31);
        int i = index;
        while ((v & 0xffffff80) != 0) {
            buffer.put(i++, (byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buffer.put(i++, (byte) v);
        return i - index;
    }

    /** The size of {@code value} as an unsigned varint, 1 to 5 bytes. */
    public static int sizeOfUnsignedVarint(int value) {
        // One byte per started group of seven significant bits; 0 still takes a byte.
        int bits = 32 - Integer.numberOfLeadingZeros(value);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }

    /** The size of {@code value} as a zig-zag varint, 1 to 5 bytes. */
    public static int sizeOfVarint(int value) {
        return sizeOfUnsignedVarint((value << 1) ^ (value >> 31));
    }

    /** The size of {@code value} as an unsigned varlong, 1 to 10 bytes. */
    public static int sizeOfUnsignedVarlong(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }

    /** The size of {@code value} as a zig-zag varlong, 1 to 10 bytes. */
    public static int sizeOfVarlong(long value) {
        return sizeOfUnsignedVarlong((value << 1) ^ (value >> 63));
    }

    /** The length of {@code s} in UTF-8 bytes, as {@code s.getBytes(UTF_8).length} but without allocating. */
    public static int utf8Length(String s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // four bytes for the pair, which counted two chars
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                }
                // A lone surrogate stays one byte: it is written as '?'.
            }
        }
        return bytes;
    }

    /**
     * Writes {@code s} as UTF-8 at the buffer's position without allocating. A lone surrogate is written as
     * {@code '?'}, as {@code String.getBytes(UTF_8)} does, so the bytes match the JDK's and the length matches
     * {@link #utf8Length}.
     */
    public static void writeUtf8(String s, ByteBuffer buffer) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buffer.put((byte) c);
            } else if (c < 0x800) {
                buffer.put((byte) (0xc0 | (c >> 6)));
                buffer.put((byte) (0x80 | (c & 0x3f)));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buffer.put((byte) (0xf0 | (cp >> 18)));
                    buffer.put((byte) (0x80 | ((cp >> 12) & 0x3f)));
                    buffer.put((byte) (0x80 | ((cp >> 6) & 0x3f)));
                    buffer.put((byte) (0x80 | (cp & 0x3f)));
                } else {
                    buffer.put((byte) '?');
                }
            } else {
                putThreeBytes(c, buffer);
            }
        }
    }

    private static void putThreeBytes(int c, ByteBuffer buffer) {
        buffer.put((byte) (0xe0 | (c >> 12)));
        buffer.put((byte) (0x80 | ((c >> 6) & 0x3f)));
        buffer.put((byte) (0x80 | (c & 0x3f)));
    }
}
