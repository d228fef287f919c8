package dev.runnel.common.serialization;

import java.nio.ByteBuffer;

/** Wraps the record's bytes in a heap buffer, without copying. Stateless and thread-safe. */
public class ByteBufferDeserializer implements Deserializer<ByteBuffer> {
    @Override
    public ByteBuffer deserialize(String topic, byte[] data) {
        return data == null ? null : ByteBuffer.wrap(data);
    }
}
