package dev.runnel.streams.internal.state;

import dev.runnel.common.errors.SerializationException;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The headers prefix {@code [headersSize][headersBytes]} of a headers-aware store value, in the KIP-1271 layout that
 * {@link dev.runnel.streams.state.HeadersBytesStore} describes; the payload follows it. Stateless.
 */
final class HeadersPrefix {
    private static final byte[] NO_HEADERS = new byte[0];
    private static final int NULL_VALUE_LENGTH = -1;

    private HeadersPrefix() {
    }

    /** Returns headersBytes for {@code headers}: empty for null or no headers, else the count and each header. */
    static byte[] headersBytes(Headers headers) {
        Header[] all = headers == null ? new Header[0] : headers.toArray();
        if (all.length == 0) {
            return NO_HEADERS;
        }
        byte[][] keys = new byte[all.length][];
        int size = sizeOfVarint(all.length);
        for (int i = 0; i < all.length; i++) {
            keys[i] = all[i].key().getBytes(StandardCharsets.UTF_8);
            byte[] value = all[i].value();
            size += sizeOfVarint(keys[i].length) + keys[i].length
                + (value == null ? sizeOfVarint(NULL_VALUE_LENGTH) : sizeOfVarint(value.length) + value.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        writeVarint(all.length, out);
        for (int i = 0; i < all.length; i++) {
            writeVarint(keys[i].length, out);
            out.put(keys[i]);
            byte[] value = all[i].value();
            writeVarint(value == null ? NULL_VALUE_LENGTH : value.length, out);
            if (value != null) {
                out.put(value);
            }
        }
        return out.array();
    }

    /**
     * Returns a buffer holding the prefix of {@code headers} with room for a {@code payloadSize}-byte payload after
     * it, positioned at the payload.
     */
    static ByteBuffer withPrefix(Headers headers, int payloadSize) {
        byte[] headersBytes = headersBytes(headers);
        ByteBuffer out = ByteBuffer.allocate(sizeOfVarint(headersBytes.length) + headersBytes.length + payloadSize);
        writeVarint(headersBytes.length, out);
        return out.put(headersBytes);
    }

    /** Returns the offset of the payload in {@code value}, just after its prefix. */
    static int payloadOffset(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        int headersSize = readVarint(in);
        return in.position() + headersSize;
    }

    /** Reads the prefix at {@code in}'s position and returns its headers; {@code in} is left at the payload. */
    static Headers readPrefix(ByteBuffer in) {
        try {
            int headersSize = readVarint(in);
            StreamsHeaders headers = new StreamsHeaders();
            if (headersSize == 0) {
                return headers;
            }
            int start = in.position();
            int count = readVarint(in);
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[readVarint(in)];
                in.get(key);
                int valueLength = readVarint(in);
                byte[] value = valueLength == NULL_VALUE_LENGTH ? null : new byte[valueLength];
                if (value != null) {
                    in.get(value);
                }
                headers.add(new String(key, StandardCharsets.UTF_8), value);
            }
            if (in.position() - start != headersSize) {
                throw new SerializationException("Headers of a stored value take " + (in.position() - start)
                    + " bytes, but their size says " + headersSize);
            }
            return headers;
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new SerializationException("A stored value's headers prefix is truncated or corrupt", e);
        }
    }

    /** Writes {@code value} as a zigzag varint, as Kafka's record format does. */
    private static void writeVarint(int value, ByteBuffer out) {
        int zigzag = (value << 1) ^ (value >> 31);
        while ((zigzag & ~0x7F) != 0) {
            out.put((byte) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.put((byte) zigzag);
    }

    private static int sizeOfVarint(int value) {
        int zigzag = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((zigzag & ~0x7F) != 0) {
            bytes++;
            zigzag >>>= 7;
        }
        return bytes;
    }

    private static int readVarint(ByteBuffer in) {
        int zigzag = 0;
        for (int shift = 0; shift < Integer.SIZE; shift += 7) {
            byte b = in.get();
            zigzag |= (b & 0x7F) << shift;
            if (b >= 0) {
                return (zigzag >>> 1) ^ -(zigzag & 1);
            }
        }
        throw new SerializationException("A varint in a stored value's headers prefix is longer than 5 bytes");
    }
}
