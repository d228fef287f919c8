package dev.runnel.streams.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.Stores;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records of plain values, from a changelog or a source topic serving as one, restored into a store get the byte format
 * of the store: the record's timestamp in front for a timestamped store, behind the record's headers (a changelog's)
 * or empty ones (a source topic's) for a headers-aware one, nothing for a plain one.
 */
class PlainValueRestoreCallbackTest {
    private static final byte[] VALUE = {'v'};
    private static final long TIMESTAMP = 0x0102030405060708L;

    /** Returns what {@code store}'s callback receives for a record of {@link #VALUE} with a header, then a deletion. */
    private static List<byte[]> restored(StateStore store, boolean sourceTopic) {
        List<byte[]> received = new ArrayList<>();
        PlainValueRestoreCallback callback = (PlainValueRestoreCallback) PlainValueRestoreCallback.of(
            StoreValueLayout.of(store), (key, value) -> received.add(value), sourceTopic);
        Headers headers = new StreamsHeaders().add("h", new byte[] {'x'});
        callback.restore(new byte[] {'k'}, VALUE, headers, TIMESTAMP);
        callback.restore(new byte[] {'k'}, null, headers, TIMESTAMP);
        return received;
    }

    @Test
    void shouldPutTheTimestampBeforeATimestampedStoresValues() {
        for (boolean sourceTopic : new boolean[] {false, true}) {
            List<byte[]> received = restored(Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.String()).build(), sourceTopic);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 'v'}, received.get(0));
            assertNull(received.get(1));
        }
        List<byte[]> window = restored(Stores.timestampedWindowStoreBuilder(Stores.inMemoryWindowStore("w",
            Duration.ofMinutes(1), Duration.ofSeconds(10), false), Serdes.String(), Serdes.String()).build(), false);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 'v'}, window.get(0));
    }

    @Test
    void shouldPutTheChangelogRecordsHeadersAndTheTimestampBeforeAHeadersAwareStoresValues() {
        List<byte[]> received = restored(Stores.timestampedKeyValueStoreWithHeadersBuilder(
            Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.String()).build(), false);
        ByteBuffer stored = ByteBuffer.wrap(received.get(0));
        Header[] headers = HeadersPrefix.readPrefix(stored).toArray();
        assertEquals(1, headers.length);
        assertEquals("h", headers[0].key());
        assertArrayEquals(new byte[] {'x'}, headers[0].value());
        byte[] payload = new byte[stored.remaining()];
        stored.get(payload);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 'v'}, payload);
        assertNull(received.get(1));
    }

    @Test
    void shouldPutEmptyHeadersBeforeASourceTopicRecordsValueInAHeadersAwareStore() {
        List<byte[]> received = restored(Stores.timestampedKeyValueStoreWithHeadersBuilder(
            Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.String()).build(), true);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 'v'}, received.get(0));
    }

    @Test
    void shouldLeavePlainStoresAndTimestampAwareCallbacksAlone() {
        StateRestoreCallback plain = (key, value) -> { };
        assertSame(plain, PlainValueRestoreCallback.of(StoreValueLayout.of(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.String()).build()), plain, true));
        TimestampedStateRestoreCallback own = (key, value, timestamp) -> { };
        assertSame(own, PlainValueRestoreCallback.of(StoreValueLayout.TIMESTAMPED_WITH_HEADERS, own, false));
    }
}
