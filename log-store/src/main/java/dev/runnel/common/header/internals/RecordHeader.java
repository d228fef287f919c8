package dev.runnel.common.header.internals;

import dev.runnel.common.header.Header;
import java.util.Arrays;
import java.util.Objects;

/** An immutable header. */
public final class RecordHeader implements Header {
    private final String key;
    private final byte[] value;

    public RecordHeader(String key, byte[] value) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = value;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordHeader that && key.equals(that.key) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    /** Reads as Kafka's RecordHeader: "RecordHeader(key = k, value = [118])", the value as its bytes. */
    @Override
    public String toString() {
        return "RecordHeader(key = " + key + ", value = " + Arrays.toString(value) + ")";
    }
}
