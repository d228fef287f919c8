package dev.runnel.streams.internal.state;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.processor.StateRestoreCallback;
import java.nio.ByteBuffer;

/**
 * Restores a store whose values carry more than the value from records of plain values: its changelog's (see
 * {@link PlainValueChangeLogger}) or a source topic serving as its changelog (a source table with
 * {@code reuse.ktable.source.topics}). A timestamped store gets each record's timestamp in front of the value; a
 * headers-aware one (KIP-1271) gets its {@link HeadersPrefix} in front of that, made of the changelog record's headers
 * (none for a record a store without headers logged, as in Kafka Streams), or empty for a source topic's record, since
 * tables keep no headers (KIP-1285). Stateless.
 */
public final class PlainValueRestoreCallback implements StateRestoreCallback {
    /** Where the headers in front of the value come from. */
    private enum HeadersSource { NONE, RECORD, EMPTY }

    private final StateRestoreCallback store;
    private final HeadersSource headersSource;
    private final boolean timestamps;

    private PlainValueRestoreCallback(StateRestoreCallback store, HeadersSource headersSource, boolean timestamps) {
        this.store = store;
        this.headersSource = headersSource;
        this.timestamps = timestamps;
    }

    /**
     * Returns the callback that applies records of plain values to a store whose values have {@code layout} through
     * its own {@code callback}: {@code callback} itself if the store keeps plain values or its callback takes the
     * records' timestamps itself (a versioned store's).
     *
     * @param sourceTopic whether the records are a source topic's rather than the store's changelog's
     */
    public static StateRestoreCallback of(StoreValueLayout layout, StateRestoreCallback callback,
        boolean sourceTopic) {
        if (callback instanceof TimestampedStateRestoreCallback || layout == StoreValueLayout.PLAIN) {
            return callback;
        }
        HeadersSource source = !layout.hasHeaders() ? HeadersSource.NONE
            : sourceTopic ? HeadersSource.EMPTY : HeadersSource.RECORD;
        return new PlainValueRestoreCallback(callback, source, layout.hasTimestamps());
    }

    /** Returns the store's own callback, which takes values in the store's format. */
    public StateRestoreCallback storeCallback() {
        return store;
    }

    /** Applies one record, with its headers ({@code null} for none) and its timestamp. */
    public void restore(byte[] key, byte[] value, Headers headers, long timestamp) {
        store.restore(key, storedValue(value, headers, timestamp));
    }

    /** Returns the store's value for a record's plain {@code value}, headers and timestamp; null stays null. */
    public byte[] storedValue(byte[] value, Headers headers, long timestamp) {
        if (value == null) {
            return null;
        }
        int size = (timestamps ? Long.BYTES : 0) + value.length;
        ByteBuffer stored = switch (headersSource) {
            case NONE -> ByteBuffer.allocate(size);
            case RECORD -> HeadersPrefix.withPrefix(headers, size);
            case EMPTY -> HeadersPrefix.withPrefix(null, size);
        };
        if (timestamps) {
            stored.putLong(timestamp);
        }
        return stored.put(value).array();
    }

    /**
     * Refuses a record without its headers and timestamp, which the store's values need; the restorer always calls
     * {@link #restore(byte[], byte[], Headers, long)}.
     */
    @Override
    public void restore(byte[] key, byte[] value) {
        throw new UnsupportedOperationException("This store restores only from records with their headers and"
            + " timestamps");
    }
}
