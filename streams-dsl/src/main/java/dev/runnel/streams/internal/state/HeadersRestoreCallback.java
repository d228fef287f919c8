package dev.runnel.streams.internal.state;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.SessionStoreWithHeaders;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;
import java.nio.ByteBuffer;

/**
 * Restores a headers-aware store (KIP-1271) from its changelog, whose records keep the value's headers as record
 * headers (see {@link HeadersChangeLogger}): each record's headers go back in front of its value, and for a
 * {@link #plainChangelog} the record's timestamp too. A record that a store without headers logged (under
 * {@code dsl.store.format=DEFAULT}) has none, so it comes back with empty headers, as in Kafka Streams; the other way
 * round a store without headers ignores the records' headers. Stateless.
 */
public final class HeadersRestoreCallback implements StateRestoreCallback {
    private final StateRestoreCallback store;
    private final boolean plainChangelog;

    private HeadersRestoreCallback(StateRestoreCallback store, boolean plainChangelog) {
        this.store = store;
        this.plainChangelog = plainChangelog;
    }

    /**
     * Returns the callback that applies changelog records to {@code store}: a {@code HeadersRestoreCallback} over
     * {@code callback} if the store keeps headers in its values, else {@code callback} itself.
     */
    public static StateRestoreCallback of(StateStore store, StateRestoreCallback callback) {
        return valuesHaveHeaders(store) ? new HeadersRestoreCallback(callback, plainChangelog(store)) : callback;
    }

    /** Whether {@code store} (its outermost layer) keeps its values in KIP-1271's headers-aware layout. */
    public static boolean valuesHaveHeaders(StateStore store) {
        return store instanceof TimestampedKeyValueStoreWithHeaders<?, ?>
            || store instanceof TimestampedWindowStoreWithHeaders<?, ?>
            || store instanceof SessionStoreWithHeaders<?, ?>;
    }

    /**
     * Whether {@code store} (its outermost layer) is headers-aware but logs plain values, their timestamps being the
     * changelog records' (a stream-stream join window: see
     * {@link MeteredTimestampedWindowStoreWithHeaders#plainChangelog}).
     */
    public static boolean plainChangelog(StateStore store) {
        return store instanceof MeteredTimestampedWindowStoreWithHeaders<?, ?> window && window.plainChangelog();
    }

    /** Applies one changelog record, with its headers ({@code null} for none) and its timestamp. */
    public void restore(byte[] key, byte[] value, Headers headers, long timestamp) {
        if (value == null) {
            store.restore(key, null);
            return;
        }
        ByteBuffer stored = HeadersPrefix.withPrefix(headers, (plainChangelog ? Long.BYTES : 0) + value.length);
        if (plainChangelog) {
            stored.putLong(timestamp);
        }
        store.restore(key, stored.put(value).array());
    }

    /** Refuses a record without its headers and timestamp, which the store's values need. */
    @Override
    public void restore(byte[] key, byte[] value) {
        throw new UnsupportedOperationException("A headers-aware store restores only from changelog records with"
            + " their headers and timestamps");
    }
}
