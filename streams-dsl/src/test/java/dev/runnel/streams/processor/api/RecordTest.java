package dev.runnel.streams.processor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnel.common.header.internals.RecordHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Records copy their headers on every withX, as Kafka Streams' do, so a copy's headers are its own. */
class RecordTest {
    private static final byte[] ONE = "1".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldGiveEachCopyItsOwnHeaders() {
        Record<String, String> original = new Record<>("k", "v", 10L, new RecordHeaders().add("a", ONE));
        Record<String, String> withKey = original.withKey("k2");
        Record<String, String> withValue = original.withValue("v2");
        Record<String, String> withTimestamp = original.withTimestamp(20L);
        withKey.headers().add("b", ONE);
        withValue.headers().add("c", ONE);
        withTimestamp.headers().add("d", ONE);
        original.headers().add("e", ONE);
        assertEquals(2, original.headers().toArray().length, "a and e only");
        assertNull(withValue.headers().lastHeader("b"));
        assertNull(withValue.headers().lastHeader("e"), "the copy does not see later changes of the original");
        assertEquals("a", withTimestamp.headers().toArray()[0].key());
        assertEquals(2, withKey.headers().toArray().length, "a and b only");
    }

    @Test
    void shouldGiveEachFixedKeyCopyItsOwnHeaders() {
        FixedKeyRecord<String, String> original = InternalFixedKeyRecordFactory.create(new Record<>("k", "v", 10L,
            new RecordHeaders().add("a", ONE)));
        FixedKeyRecord<String, String> withValue = original.withValue("v2");
        FixedKeyRecord<String, String> withTimestamp = original.withTimestamp(20L);
        withValue.headers().add("b", ONE);
        withTimestamp.headers().add("c", ONE);
        assertEquals(1, original.headers().toArray().length);
        assertNull(withTimestamp.headers().lastHeader("b"));
    }
}
