package dev.runnel.streams.internal.state;

import dev.runnel.common.header.Headers;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.processor.StateStore;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Logs the changes of a headers-aware store (KIP-1271) as Kafka Streams does: the value's {@link HeadersPrefix}
 * becomes the changelog record's headers and the record's value is the rest, the payload, so the changelog holds the
 * layout of the store's headerless counterpart ({@code [8-byte timestamp][value]}, or a session's aggregate). A
 * stream-stream join window's counterpart keeps plain values: there the payload's timestamp is left to be the
 * record's timestamp, and the record's value is the plain value. Either format's store thus restores from a changelog
 * the other wrote: see {@link HeadersRestoreCallback}. Not thread-safe; owned by the task.
 */
final class HeadersChangeLogger implements ChangeLogger {
    private final ChangeLogger changelog;
    /** The payload bytes the record's value leaves out: the timestamp's, for a plain changelog. */
    private final int leftOutBytes;

    private HeadersChangeLogger(ChangeLogger changelog, int leftOutBytes) {
        this.changelog = changelog;
        this.leftOutBytes = leftOutBytes;
    }

    /** Returns the logger of a store into {@code changelog}: this one if its values carry headers, else that one. */
    static ChangeLogger of(ChangeLogger changelog, boolean valuesHaveHeaders) {
        return valuesHaveHeaders ? new HeadersChangeLogger(changelog, 0) : changelog;
    }

    /**
     * Returns the logger into {@code changelog} of a layer of store {@code root}: as {@link #of} does, but leaving the
     * timestamp out of the record's value if {@code root}'s changelog holds plain values (a stream-stream join
     * window's, see {@link HeadersRestoreCallback#plainChangelog}); the caller logs it as the record's timestamp.
     */
    static ChangeLogger of(ChangeLogger changelog, boolean valuesHaveHeaders, StateStore root) {
        return HeadersRestoreCallback.plainChangelog(root) ? new HeadersChangeLogger(changelog, Long.BYTES)
            : of(changelog, valuesHaveHeaders);
    }

    @Override
    public void logChange(Bytes key, byte[] value, long timestamp, Headers headers) {
        changelog.logChange(key, value, timestamp, headers);
    }

    @Override
    public void logChange(Bytes key, byte[] value, long timestamp) {
        if (value == null) {
            changelog.logChange(key, null, timestamp);
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(value);
        Headers headers = HeadersPrefix.readPrefix(in);
        changelog.logChange(key, Arrays.copyOfRange(value, in.position() + leftOutBytes, value.length), timestamp,
            headers);
    }
}
