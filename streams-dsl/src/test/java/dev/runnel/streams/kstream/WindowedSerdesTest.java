package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Windowed key serdes write Kafka Streams' byte formats. */
class WindowedSerdesTest {
    @Test
    void timeWindowedKeyIsKeyThenStart() {
        Serde<Windowed<String>> serde = WindowedSerdes.timeWindowedSerdeFrom(String.class, 10);
        Windowed<String> key = new Windowed<>("ab", new TimeWindow(20, 30));
        byte[] bytes = serde.serializer().serialize("t", key);
        assertArrayEquals(ByteBuffer.allocate(10).put("ab".getBytes(StandardCharsets.UTF_8)).putLong(20).array(),
            bytes);
        assertEquals(key, serde.deserializer().deserialize("t", bytes));
        assertEquals("[ab@20/30]", key.toString());
    }

    @Test
    void sessionWindowedKeyIsKeyThenEndThenStart() {
        Serde<Windowed<String>> serde = WindowedSerdes.sessionWindowedSerdeFrom(String.class);
        Windowed<String> key = new Windowed<>("ab", new SessionWindow(20, 25));
        byte[] bytes = serde.serializer().serialize("t", key);
        assertArrayEquals(ByteBuffer.allocate(18).put("ab".getBytes(StandardCharsets.UTF_8)).putLong(25).putLong(20)
            .array(), bytes);
        assertEquals(key, serde.deserializer().deserialize("t", bytes));
    }
}
