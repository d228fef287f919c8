package dev.runnel.common.serialization;

import java.nio.charset.Charset;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes a UUID as its 36-character string form ({@link UUID#toString()}), in UTF-8 or the charset named by the
 * same keys as {@link StringSerializer}, as Kafka does. Thread-safe once configured.
 */
public class UUIDSerializer implements Serializer<UUID> {
    private Charset encoding = CharsetConfig.DEFAULT;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = CharsetConfig.resolve(configs, isKey, "serializer");
    }

    @Override
    public byte[] serialize(String topic, UUID data) {
        return data == null ? null : data.toString().getBytes(encoding);
    }
}
