package dev.runnel.common.serialization;

import java.nio.ByteBuffer;

/**
 * Serializes the bytes between a buffer's position and its limit (its remaining bytes). The buffer's position is
 * left unchanged. When the buffer wraps a whole array exactly, that array is returned without copying. Stateless and
 * thread-safe.
 */
public class ByteBufferSerializer implements Serializer<ByteBuffer> {
    @Override
    public byte[] serialize(String topic, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray() && data.arrayOffset() == 0 && data.position() == 0
                && data.remaining() == data.array().length) {
            return data.array();
        }
        byte[] out = new byte[data.remaining()];
        data.get(data.position(), out);
        return out;
    }
}
