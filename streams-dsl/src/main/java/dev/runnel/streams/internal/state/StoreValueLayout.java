package dev.runnel.streams.internal.state;

import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.SessionStoreWithHeaders;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;

/**
 * What a store's values carry besides the value: a store's builder decides it, its change-logging layer logs the plain
 * value by it (see {@link PlainValueChangeLogger}) and declares it to the task, and the restore puts back in front what
 * the layer left out (see {@link PlainValueRestoreCallback}). One decision for both sides, so that a store restores
 * what it logged even behind a user's wrapper that hides its type.
 */
public enum StoreValueLayout {
    /** The value alone. */
    PLAIN(false, false),
    /** An 8-byte timestamp, then the value. */
    TIMESTAMPED(false, true),
    /** KIP-1271's {@link HeadersPrefix}, then the value (session stores with headers). */
    HEADERS(true, false),
    /** KIP-1271's {@link HeadersPrefix}, an 8-byte timestamp, then the value. */
    TIMESTAMPED_WITH_HEADERS(true, true);

    private final boolean headers;
    private final boolean timestamps;

    StoreValueLayout(boolean headers, boolean timestamps) {
        this.headers = headers;
        this.timestamps = timestamps;
    }

    /**
     * Returns the layout of a store that declared none (no change-logging layer, as a source table's store), told by
     * its outermost layer's type.
     */
    public static StoreValueLayout of(StateStore store) {
        boolean withHeaders = store instanceof TimestampedKeyValueStoreWithHeaders<?, ?>
            || store instanceof TimestampedWindowStoreWithHeaders<?, ?>
            || store instanceof SessionStoreWithHeaders<?, ?>;
        boolean withTimestamps = store instanceof TimestampedKeyValueStore<?, ?>
            || store instanceof TimestampedWindowStore<?, ?>
            || store instanceof TimestampedKeyValueStoreWithHeaders<?, ?>
            || store instanceof TimestampedWindowStoreWithHeaders<?, ?>;
        if (withHeaders) {
            return withTimestamps ? TIMESTAMPED_WITH_HEADERS : HEADERS;
        }
        return withTimestamps ? TIMESTAMPED : PLAIN;
    }

    /** Whether values begin with a {@link HeadersPrefix}. */
    public boolean hasHeaders() {
        return headers;
    }

    /** Whether values carry their 8-byte timestamp (behind the headers, if any). */
    public boolean hasTimestamps() {
        return timestamps;
    }

    /** Returns the timestamp a stored value of a layout {@link #hasTimestamps() with timestamps} carries. */
    long timestampOf(byte[] stored) {
        return headers ? ValueTimestampHeadersSerde.rawTimestamp(stored) : ValueAndTimestampSerde.rawTimestamp(stored);
    }

    /**
     * Returns the timestamp of the change that writes {@code stored} (null: a deletion): the one the value carries, in
     * a layout {@link #hasTimestamps() with timestamps}, else the current record's, or 0 without the runtime's context.
     */
    long changeTimestamp(byte[] stored, InternalStateStoreContext context) {
        if (timestamps && stored != null && stored.length >= Long.BYTES) {
            return timestampOf(stored);
        }
        return context == null ? 0L : context.recordTimestamp();
    }
}
