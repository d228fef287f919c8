package dev.runnel.common.serialization;

import dev.runnel.common.errors.SerializationException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves the character set of the text-based serdes from Kafka's encoding keys: {@code key.<role>.encoding} or
 * {@code value.<role>.encoding}, falling back to {@code <role>.encoding}, then UTF-8. The role is "serializer" or
 * "deserializer", as in Kafka.
 */
final class CharsetConfig {
    static final Charset DEFAULT = StandardCharsets.UTF_8;

    private CharsetConfig() {
    }

    static Charset resolve(Map<String, ?> configs, boolean isKey, String role) {
        String specificKey = (isKey ? "key." : "value.") + role + ".encoding";
        String key = configs.get(specificKey) != null ? specificKey : role + ".encoding";
        Object value = configs.get(key);
        if (value == null) {
            return DEFAULT;
        }
        if (value instanceof Charset charset) {
            return charset;
        }
        if (value instanceof String name) {
            try {
                return Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new SerializationException(String.format(Locale.ROOT,
                    "Unsupported encoding '%s' in %s; use a charset name such as UTF-8", name, key), e);
            }
        }
        throw new SerializationException(String.format(Locale.ROOT,
            "Invalid %s: expected a charset name, got %s", key, value.getClass().getSimpleName()));
    }
}
