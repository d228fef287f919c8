package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.record.TimestampType;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.internal.state.PlainValueRestoreCallback;
import dev.runnel.streams.internal.state.StoreValueLayout;
import dev.runnel.streams.processor.BatchingStateRestoreCallback;
import dev.runnel.streams.processor.StateRestoreCallback;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How one batch of changelog records reaches a store's restore callback. */
class StateRestorerBatchTest {
    private static ConsumerRecord<byte[], byte[]> record(long offset, long timestamp, byte[] value) {
        return new ConsumerRecord<>("changelog", 0, offset, timestamp, TimestampType.CREATE_TIME, 1,
            value == null ? -1 : value.length, new byte[] {'k'}, value, new RecordHeaders(), Optional.empty());
    }

    @Test
    void shouldHandATimestampedStoresBatchingCallbackTheWholeBatchInItsFormat() {
        List<List<KeyValue<byte[], byte[]>>> batches = new ArrayList<>();
        BatchingStateRestoreCallback batching = new BatchingStateRestoreCallback() {
            @Override
            public void restoreAll(Collection<KeyValue<byte[], byte[]>> records) {
                batches.add(List.copyOf(records));
            }
        };
        StateRestoreCallback callback = PlainValueRestoreCallback.of(StoreValueLayout.TIMESTAMPED, batching, false);
        List<ConsumerRecord<byte[], byte[]>> batch = List.of(record(0, 0x0102030405060708L, new byte[] {'a'}),
            record(1, 9L, null), record(2, 9L, new byte[] {'b'}));

        assertEquals(2, StateRestorer.applyBefore(callback, batch, 2), "only the records before the end");

        assertEquals(1, batches.size(), "one restoreAll for the batch, as Kafka Streams calls it");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 'a'}, batches.get(0).get(0).value,
            "the record's timestamp in front of the plain value");
        assertNull(batches.get(0).get(1).value, "a deletion stays one");
    }
}
