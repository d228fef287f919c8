package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import java.nio.charset.StandardCharsets;

/** UTF-8 keys and values of bytes stores, to write the store tests in strings. */
final class StoreBytes {
    private StoreBytes() {
    }

    static Bytes key(String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] value(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the value as a string, {@code null} for a missing value or a tombstone. */
    static String string(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
