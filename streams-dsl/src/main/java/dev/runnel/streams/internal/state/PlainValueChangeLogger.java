package dev.runnel.streams.internal.state;

import dev.runnel.common.header.Headers;
import dev.runnel.common.utils.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Logs the changes of a store whose values carry more than the value, as Kafka Streams logs them, so that changelogs
 * hold what the store's value serde reads: a timestamped store's changelog record holds the plain value, its
 * timestamp being the record's (the caller passes it), and a headers-aware store's (KIP-1271) the payload, its
 * {@link HeadersPrefix} becoming the record's headers. A store of either {@code dsl.store.format} thus restores from a
 * changelog the other wrote, and a source topic can serve a table's store as its changelog: see
 * {@link PlainValueRestoreCallback}. Not thread-safe; owned by the task.
 */
public final class PlainValueChangeLogger implements ChangeLogger {
    private final ChangeLogger changelog;
    private final boolean valuesHaveHeaders;
    /** The bytes of the value's timestamp, which the record's value leaves out: 8 for timestamped stores, else 0. */
    private final int timestampBytes;

    private PlainValueChangeLogger(ChangeLogger changelog, boolean valuesHaveHeaders, int timestampBytes) {
        this.changelog = changelog;
        this.valuesHaveHeaders = valuesHaveHeaders;
        this.timestampBytes = timestampBytes;
    }

    /**
     * Returns the logger into {@code changelog} of a store whose values have {@code layout}: one that logs plain values
     * if they carry headers or a timestamp, else {@code changelog} itself.
     */
    public static ChangeLogger of(ChangeLogger changelog, StoreValueLayout layout) {
        return layout == StoreValueLayout.PLAIN ? changelog
            : new PlainValueChangeLogger(changelog, layout.hasHeaders(), layout.hasTimestamps() ? Long.BYTES : 0);
    }

    @Override
    public void logChange(Bytes key, byte[] value, long timestamp, Headers headers) {
        changelog.logChange(key, value, timestamp, headers);
    }

    @Override
    public void logChange(Bytes key, byte[] value, long timestamp) {
        if (value == null) {
            changelog.logChange(key, null, timestamp);
        } else if (valuesHaveHeaders) {
            ByteBuffer in = ByteBuffer.wrap(value);
            Headers headers = HeadersPrefix.readPrefix(in);
            changelog.logChange(key, Arrays.copyOfRange(value, in.position() + timestampBytes, value.length),
                timestamp, headers);
        } else {
            changelog.logChange(key, Arrays.copyOfRange(value, timestampBytes, value.length), timestamp);
        }
    }
}
