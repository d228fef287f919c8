package dev.runnel.common.serialization;

import dev.runnel.common.utils.Bytes;

/** Wraps the record's bytes in {@link Bytes}, without copying. Stateless and thread-safe. */
public class BytesDeserializer implements Deserializer<Bytes> {
    @Override
    public Bytes deserialize(String topic, byte[] data) {
        return Bytes.wrap(data);
    }
}
