package dev.runnel.common.serialization;

import dev.runnel.common.errors.SerializationException;
import java.util.Locale;

/** Checks the length of the fixed-width, big-endian encodings used by the numeric and boolean serdes. */
final class FixedWidth {
    private FixedWidth() {
    }

    /**
     * Throws unless {@code data} holds exactly {@code expectedBytes} bytes. The message keeps Kafka's wording ("Size
     * of data received by IntegerDeserializer is not 4") and adds the actual size and the topic.
     */
    static void requireSize(String deserializer, String topic, byte[] data, int expectedBytes) {
        if (data.length != expectedBytes) {
            throw new SerializationException(String.format(Locale.ROOT,
                "Size of data received by %s is not %d: got %d bytes from topic '%s'",
                deserializer, expectedBytes, data.length, topic));
        }
    }

    /** Reads {@code width} bytes of {@code data} as a big-endian two's-complement number. */
    static long readBigEndian(byte[] data, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | (data[i] & 0xFF);
        }
        return value;
    }

    /** Returns {@code width} bytes holding the low bytes of {@code value}, most significant first. */
    static byte[] writeBigEndian(long value, int width) {
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            out[i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        return out;
    }
}
