package dev.runnel.streams.internal.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import dev.runnel.streams.processor.api.MockProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stream-table join's grace buffer keeps headers, and still reads entries written before it did. */
class TimeOrderedRecordBufferTest {
    /** An entry written before the buffer kept record contexts (a changelog restored after an upgrade). */
    private static byte[] entryWithoutContext(String key, String value) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 * Integer.BYTES + keyBytes.length + valueBytes.length)
            .putInt(keyBytes.length).put(keyBytes).putInt(valueBytes.length).put(valueBytes).array();
    }

    @Test
    void shouldReadEntriesWrittenWithoutContextAndKeepTheHeadersOfNewOnes() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        KeyValueStore<Bytes, byte[]> store = Stores.inMemoryKeyValueStore("buffer").get();
        store.init(context.getStateStoreContext(), store);
        // written before store keys held the record's key: timestamp and sequence only, read as an empty key
        store.put(Bytes.wrap(ByteBuffer.allocate(2 * Long.BYTES).putLong(5).putLong(0).array()),
            entryWithoutContext("old", "v0"));
        context.setRecordMetadata("input", 0, 3);
        TimeOrderedRecordBuffer<String, String> buffer =
            new TimeOrderedRecordBuffer<>(context, store, Serdes.String(), Serdes.String(), "buffer");
        StreamsHeaders headers = new StreamsHeaders();
        headers.add("h", "1".getBytes(StandardCharsets.UTF_8));
        buffer.put(new Record<>("new", "v1", 5, headers));

        List<Record<String, String>> evicted = new ArrayList<>();
        buffer.evictUpTo(5, evicted::add);

        assertEquals(List.of("old", "new"), evicted.stream().map(Record::key).toList(), "the empty key first");
        assertEquals(0, evicted.get(0).headers().toArray().length);
        assertEquals("1", new String(evicted.get(1).headers().lastHeader("h").value(), StandardCharsets.UTF_8));
    }
}
