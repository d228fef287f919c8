package dev.runnel.common.serialization;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * Encodes strings in UTF-8, or in the charset named by {@code key.serializer.encoding} /
 * {@code value.serializer.encoding} (falling back to {@code serializer.encoding}). Thread-safe once configured.
 */
public class StringSerializer implements Serializer<String> {
    private Charset encoding = CharsetConfig.DEFAULT;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = CharsetConfig.resolve(configs, isKey, "serializer");
    }

    @Override
    public byte[] serialize(String topic, String data) {
        return data == null ? null : data.getBytes(encoding);
    }
}
