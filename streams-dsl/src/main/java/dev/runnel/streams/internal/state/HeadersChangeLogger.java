package dev.runnel.streams.internal.state;

import dev.runnel.common.header.Headers;
import dev.runnel.common.utils.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Logs the changes of a headers-aware store (KIP-1271) as Kafka Streams does: the value's {@link HeadersPrefix}
 * becomes the changelog record's headers and the record's value is the rest, the payload, so the changelog holds the
 * layout of the store's headerless counterpart ({@code [8-byte timestamp][value]}, or a session's aggregate). Either
 * format's store thus restores from a changelog the other wrote: see {@link HeadersRestoreCallback}.
 * Not thread-safe; owned by the task.
 */
final class HeadersChangeLogger implements ChangeLogger {
    private final ChangeLogger changelog;

    private HeadersChangeLogger(ChangeLogger changelog) {
        this.changelog = changelog;
    }

    /** Returns the logger of a store into {@code changelog}: this one if its values carry headers, else that one. */
    static ChangeLogger of(ChangeLogger changelog, boolean valuesHaveHeaders) {
        return valuesHaveHeaders ? new HeadersChangeLogger(changelog) : changelog;
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
        changelog.logChange(key, Arrays.copyOfRange(value, in.position(), value.length), timestamp, headers);
    }
}
