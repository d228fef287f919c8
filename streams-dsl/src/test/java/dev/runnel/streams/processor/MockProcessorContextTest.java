package dev.runnel.streams.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.ValueTransformerWithKey;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The old-API mock context: a real value transformer with a real store, and a callback that forwards. */
class MockProcessorContextTest {
    /** Numbers each key's versions in a store, tagging values with their source topic and offset. */
    private static final class Versioned implements ValueTransformerWithKey<String, String, String> {
        private ProcessorContext context;
        private KeyValueStore<String, Long> versions;

        @Override
        public void init(ProcessorContext context) {
            this.context = context;
            this.versions = context.getStateStore("versions");
            context.schedule(Instant.ofEpochMilli(0L), Duration.ofMinutes(1), PunctuationType.STREAM_TIME,
                timestamp -> context.commit());
        }

        @Override
        public String transform(String key, String value) {
            Long previous = versions.get(key);
            long version = previous == null ? 1 : previous + 1;
            versions.put(key, version);
            return value + "@v" + version + " from " + context.topic() + "/" + context.offset();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldServeARegisteredStoreAndTheRecordMetadataTheTestSet() {
        MockProcessorContext context = new MockProcessorContext();
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("versions"),
                Serdes.String(), Serdes.Long())
            .withLoggingDisabled()
            .build();
        store.init(new dev.runnel.streams.processor.api.MockProcessorContext<>().getStateStoreContext(), store);
        context.register(store, null);
        Versioned transformer = new Versioned();
        transformer.init(context);

        context.setRecordMetadata("input", 0, 7L, new RecordHeaders(), 1_000L);
        assertEquals("a@v1 from input/7", transformer.transform("k", "a"));
        context.setOffset(8L);
        assertEquals("b@v2 from input/8", transformer.transform("k", "b"));
        assertEquals(2L, store.get("k"));

        MockProcessorContext.CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);
        assertEquals(Instant.ofEpochMilli(0L), punctuator.getStartTime());
        assertEquals(60_000L, punctuator.getIntervalMs());
        punctuator.getPunctuator().punctuate(60_000L);
        assertTrue(context.committed());
    }

    @Test
    void shouldRefuseUnsetRecordMetadata() {
        MockProcessorContext context = new MockProcessorContext();
        // Kafka's messages, each naming the setter to call.
        assertEquals("Topic must be set before use via setRecordMetadata() or setTopic().",
            assertThrows(IllegalStateException.class, context::topic).getMessage());
        assertEquals("Partition must be set before use via setRecordMetadata() or setPartition().",
            assertThrows(IllegalStateException.class, context::partition).getMessage());
        assertEquals("Offset must be set before use via setRecordMetadata() or setOffset().",
            assertThrows(IllegalStateException.class, context::offset).getMessage());
        assertEquals("Timestamp must be set before use via setRecordMetadata() or setRecordTimestamp().",
            assertThrows(IllegalStateException.class, context::timestamp).getMessage());
        assertNull(context.headers());
    }

    @Test
    void shouldCaptureForwardsWithChildTimestampAndHeaders() {
        MockProcessorContext context = new MockProcessorContext();
        Headers headers = new RecordHeaders();
        context.setRecordMetadata("input", 0, 1L, headers, 500L);

        context.forward("a", 1);
        context.forward("b", 2, To.child("left"));
        context.forward("c", 3, To.child("right").withTimestamp(900L));

        List<MockProcessorContext.CapturedForward> all = context.forwarded();
        assertEquals(3, all.size());
        assertNull(all.get(0).childName());
        assertEquals(500L, all.get(0).timestamp());
        assertSame(headers, all.get(0).headers());
        assertEquals(KeyValue.pair("b", 2), all.get(1).keyValue());
        assertEquals("left", all.get(1).childName());
        assertEquals(900L, all.get(2).timestamp());
        assertEquals(2, context.forwarded("left").size());
        assertEquals(List.of(KeyValue.pair("a", 1), KeyValue.pair("c", 3)),
            context.forwarded("right").stream().map(MockProcessorContext.CapturedForward::keyValue).toList());
        // Printed as Kafka prints it: without the headers.
        assertEquals("CapturedForward{childName='left', timestamp=500, keyValue=KeyValue(b, 2)}",
            all.get(1).toString());
        context.resetForwards();
        assertTrue(context.forwarded().isEmpty());
    }
}
