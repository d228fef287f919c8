package dev.runnel.log.internal.record;

import dev.runnel.common.header.Header;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record read out of a batch, with its own copies of key, value and headers; equality compares their contents.
 * For tests and tools: hot paths read fields from a {@link RecordCursor} instead.
 *
 * @param key     null for no key
 * @param value   null for a tombstone
 * @param headers never null; empty when there are none
 */
public record Record(long offset, long timestamp, byte[] key, byte[] value, Header[] headers) {
    public Record {
        Objects.requireNonNull(headers, "headers");
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Record that)) {
            return false;
        }
        if (offset != that.offset || timestamp != that.timestamp || !Arrays.equals(key, that.key)
            || !Arrays.equals(value, that.value) || headers.length != that.headers.length) {
            return false;
        }
        for (int i = 0; i < headers.length; i++) {
            if (!headers[i].key().equals(that.headers[i].key())
                || !Arrays.equals(headers[i].value(), that.headers[i].value())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Long.hashCode(offset) * 31 + Long.hashCode(timestamp);
        hash = hash * 31 + Arrays.hashCode(key);
        hash = hash * 31 + Arrays.hashCode(value);
        for (Header header : headers) {
            hash = hash * 31 + header.key().hashCode() * 17 + Arrays.hashCode(header.value());
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder headerText = new StringBuilder();
        for (Header header : headers) {
            headerText.append(headerText.length() == 0 ? "" : ", ").append(header.key()).append('=')
                .append(header.value() == null ? "null" : header.value().length + "B");
        }
        return "Record(offset=" + offset + ", timestamp=" + timestamp + ", key="
            + (key == null ? "null" : key.length + "B") + ", value=" + (value == null ? "null" : value.length + "B")
            + ", headers=[" + headerText + "])";
    }
}
