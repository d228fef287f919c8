package dev.runnel.streams.internal.state;

import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.SessionStoreWithHeaders;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;

/** What a store's values carry besides the value, told by its outermost layer's type. */
public final class StoreValueLayout {
    private StoreValueLayout() {
    }

    /** Whether {@code store} keeps its values in KIP-1271's headers-aware layout. */
    public static boolean valuesHaveHeaders(StateStore store) {
        return store instanceof TimestampedKeyValueStoreWithHeaders<?, ?>
            || store instanceof TimestampedWindowStoreWithHeaders<?, ?>
            || store instanceof SessionStoreWithHeaders<?, ?>;
    }

    /** Whether {@code store} keeps each value's 8-byte timestamp with it (behind the headers, if any). */
    public static boolean valuesHaveTimestamps(StateStore store) {
        return store instanceof TimestampedKeyValueStore<?, ?> || store instanceof TimestampedWindowStore<?, ?>
            || store instanceof TimestampedKeyValueStoreWithHeaders<?, ?>
            || store instanceof TimestampedWindowStoreWithHeaders<?, ?>;
    }
}
