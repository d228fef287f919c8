package dev.runnel.streams.internal.state;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.SessionStoreWithHeaders;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;

/**
 * Restores a headers-aware store (KIP-1271) from its changelog, whose records keep the value's headers as record
 * headers (see {@link HeadersChangeLogger}): each record's headers go back in front of its value. A record that a
 * store without headers logged (under {@code dsl.store.format=DEFAULT}) has none, so it comes back with empty
 * headers, as in Kafka Streams; the other way round a store without headers ignores the records' headers. Stateless.
 */
public final class HeadersRestoreCallback implements StateRestoreCallback {
    private final StateRestoreCallback store;

    private HeadersRestoreCallback(StateRestoreCallback store) {
        this.store = store;
    }

    /**
     * Returns the callback that applies changelog records to {@code store}: a {@code HeadersRestoreCallback} over
     * {@code callback} if the store keeps headers in its values, else {@code callback} itself.
     */
    public static StateRestoreCallback of(StateStore store, StateRestoreCallback callback) {
        return valuesHaveHeaders(store) ? new HeadersRestoreCallback(callback) : callback;
    }

    /** Whether {@code store} (its outermost layer) keeps its values in KIP-1271's headers-aware layout. */
    public static boolean valuesHaveHeaders(StateStore store) {
        return store instanceof TimestampedKeyValueStoreWithHeaders<?, ?>
            || store instanceof TimestampedWindowStoreWithHeaders<?, ?>
            || store instanceof SessionStoreWithHeaders<?, ?>;
    }

    /** Applies one changelog record, with its headers ({@code null} for none). */
    public void restore(byte[] key, byte[] value, Headers headers) {
        store.restore(key, value == null ? null : HeadersPrefix.withPrefix(headers, value.length).put(value).array());
    }

    /** Applies one changelog record without headers. */
    @Override
    public void restore(byte[] key, byte[] value) {
        restore(key, value, null);
    }
}
