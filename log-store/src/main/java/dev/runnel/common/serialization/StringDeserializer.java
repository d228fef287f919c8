package dev.runnel.common.serialization;

import dev.runnel.common.header.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Decodes strings from UTF-8, or from the charset named by {@code key.deserializer.encoding} /
 * {@code value.deserializer.encoding} (falling back to {@code deserializer.encoding}). Malformed input is replaced
 * with U+FFFD rather than rejected, as {@link String#String(byte[], Charset)} does. Thread-safe once configured.
 */
public class StringDeserializer implements Deserializer<String> {
    private Charset encoding = CharsetConfig.DEFAULT;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = CharsetConfig.resolve(configs, isKey, "deserializer");
    }

    @Override
    public String deserialize(String topic, byte[] data) {
        return data == null ? null : new String(data, encoding);
    }

    /** Decodes a heap buffer in place, without copying its bytes first. */
    @Override
    public String deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null || !data.hasArray()) {
            return Deserializer.super.deserialize(topic, headers, data);
        }
        return new String(data.array(), data.arrayOffset() + data.position(), data.remaining(), encoding);
    }
}
