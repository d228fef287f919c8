package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.internal.state.TimestampedStateRestoreCallback;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.Stores;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Source topic records restored into a source table's store ({@code reuse.ktable.source.topics}) get the byte format
 * of the store: the record's timestamp in front for a timestamped store, behind empty headers for a headers-aware one
 * ({@code dsl.store.format=HEADERS}), nothing for a plain one.
 */
class SourceTopicRestoreCallbackTest {
    private static final byte[] VALUE = {'v'};
    private static final long TIMESTAMP = 0x0102030405060708L;

    /** Returns what {@code store}'s callback receives for a source record of {@link #VALUE} and then a tombstone. */
    private static List<byte[]> restored(StateStore store) {
        List<byte[]> received = new ArrayList<>();
        StateRestoreCallback callback = SourceTopicRestoreCallback.of(store, (key, value) -> received.add(value));
        ((TimestampedStateRestoreCallback) callback).restore(new byte[] {'k'}, VALUE, TIMESTAMP);
        ((TimestampedStateRestoreCallback) callback).restore(new byte[] {'k'}, null, TIMESTAMP);
        return received;
    }

    @Test
    void shouldPutTheTimestampBeforeATimestampedStoresValues() {
        List<byte[]> received = restored(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"),
            Serdes.String(), Serdes.String()).build());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 'v'}, received.get(0));
        assertNull(received.get(1));
    }

    @Test
    void shouldPutEmptyHeadersAndTheTimestampBeforeAHeadersAwareStoresValues() {
        List<byte[]> received = restored(Stores.timestampedKeyValueStoreWithHeadersBuilder(
            Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.String()).build());
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 'v'}, received.get(0));
        assertNull(received.get(1));
    }

    @Test
    void shouldLeaveOtherStoresAndTimestampAwareCallbacksAlone() {
        StateRestoreCallback plain = (key, value) -> { };
        assertSame(plain, SourceTopicRestoreCallback.of(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"),
            Serdes.String(), Serdes.String()).build(), plain));
        TimestampedStateRestoreCallback own = (key, value, timestamp) -> { };
        assertSame(own, SourceTopicRestoreCallback.of(Stores.timestampedKeyValueStoreWithHeadersBuilder(
            Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.String()).build(), own));
    }
}
