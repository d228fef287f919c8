package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.internal.state.WindowKeySchema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Windowed key serdes write Kafka Streams' byte formats, built from their constructors or from configs. */
class WindowedSerdesTest {
    private static final byte[] AB = "ab".getBytes(StandardCharsets.UTF_8);
    /** "ab" in the window [20, 30): key bytes, then the start. */
    private static final byte[] TIME_WINDOWED_AB = ByteBuffer.allocate(10).put(AB).putLong(20).array();
    /** "ab" in the session [20, 25]: key bytes, then the end, then the start. */
    private static final byte[] SESSION_WINDOWED_AB = ByteBuffer.allocate(18).put(AB).putLong(25).putLong(20).array();
    private static final Windowed<String> AB_IN_WINDOW = new Windowed<>("ab", new TimeWindow(20, 30));
    private static final Windowed<String> AB_IN_SESSION = new Windowed<>("ab", new SessionWindow(20, 25));

    @Test
    void timeWindowedKeyIsKeyThenStart() {
        Serde<Windowed<String>> serde = WindowedSerdes.timeWindowedSerdeFrom(String.class, 10);
        byte[] bytes = serde.serializer().serialize("t", AB_IN_WINDOW);
        assertArrayEquals(TIME_WINDOWED_AB, bytes);
        assertEquals(AB_IN_WINDOW, serde.deserializer().deserialize("t", bytes));
        assertEquals("[ab@20/30]", AB_IN_WINDOW.toString());
    }

    @Test
    void sessionWindowedKeyIsKeyThenEndThenStart() {
        Serde<Windowed<String>> serde = WindowedSerdes.sessionWindowedSerdeFrom(String.class);
        byte[] bytes = serde.serializer().serialize("t", AB_IN_SESSION);
        assertArrayEquals(SESSION_WINDOWED_AB, bytes);
        assertEquals(AB_IN_SESSION, serde.deserializer().deserialize("t", bytes));
    }

    @Test
    void shouldTakeATimeWindowedSerdesInnerSerdeAndWindowSizeFromConfigs() {
        WindowedSerdes.TimeWindowedSerde<String> serde = new WindowedSerdes.TimeWindowedSerde<>();
        // A class and a class name both name the serde, and a string gives the size, as in a Properties file.
        serde.configure(Map.of(TimeWindowedSerializer.WINDOWED_INNER_SERIALIZER_CLASS, Serdes.StringSerde.class,
            TimeWindowedDeserializer.WINDOWED_INNER_DESERIALIZER_CLASS, Serdes.StringSerde.class.getName(),
            TimeWindowedDeserializer.WINDOW_SIZE_MS_CONFIG, "10"), true);
        assertArrayEquals(TIME_WINDOWED_AB, serde.serializer().serialize("t", AB_IN_WINDOW));
        assertEquals(AB_IN_WINDOW, serde.deserializer().deserialize("t", TIME_WINDOWED_AB));
        assertEquals(10L, ((TimeWindowedDeserializer<String>) serde.deserializer()).getWindowSize());
    }

    @Test
    void shouldTakeASessionWindowedSerdesInnerSerdeFromConfigs() {
        WindowedSerdes.SessionWindowedSerde<String> serde = new WindowedSerdes.SessionWindowedSerde<>();
        serde.configure(Map.of(SessionWindowedSerializer.WINDOWED_INNER_SERIALIZER_CLASS, Serdes.StringSerde.class,
            SessionWindowedDeserializer.WINDOWED_INNER_DESERIALIZER_CLASS, Serdes.StringSerde.class), false);
        assertArrayEquals(SESSION_WINDOWED_AB, serde.serializer().serialize("t", AB_IN_SESSION));
        assertEquals(AB_IN_SESSION, serde.deserializer().deserialize("t", SESSION_WINDOWED_AB));
    }

    @Test
    void shouldFallBackToTheDeprecatedWindowedInnerClassSerde() {
        TimeWindowedDeserializer<String> deserializer = new TimeWindowedDeserializer<>();
        deserializer.configure(Map.of(StreamsConfig.WINDOWED_INNER_CLASS_SERDE, Serdes.StringSerde.class.getName(),
            StreamsConfig.WINDOW_SIZE_MS_CONFIG, 10L), true);
        assertEquals(AB_IN_WINDOW, deserializer.deserialize("t", TIME_WINDOWED_AB));
    }

    @Test
    void shouldReadAWindowStoreChangelogKeyForChangelog() {
        byte[] changelogKey = ByteBuffer.allocate(14).put(AB).putLong(20).putInt(7).array();
        // The same bytes as the window store's own changelog keys.
        assertArrayEquals(changelogKey, WindowKeySchema.toStoreKeyBinary(Bytes.wrap(AB), 20, 7).get());
        WindowedSerdes.TimeWindowedSerde<String> serde = new WindowedSerdes.TimeWindowedSerde<>(Serdes.String(), 10);
        assertSame(serde, serde.forChangelog(true));
        assertEquals(AB_IN_WINDOW, serde.deserializer().deserialize("t", changelogKey));
        serde.forChangelog(false);
        assertEquals(AB_IN_WINDOW, serde.deserializer().deserialize("t", TIME_WINDOWED_AB));
    }

    @Test
    void shouldRejectAMissingOrConflictingInnerSerdeOrWindowSize() {
        Map<String, Object> innerOnly = Map.of(TimeWindowedDeserializer.WINDOWED_INNER_DESERIALIZER_CLASS,
            Serdes.StringSerde.class);
        assertThrows(IllegalArgumentException.class, () -> new TimeWindowedSerializer<String>().configure(Map.of(),
            true));
        assertThrows(IllegalArgumentException.class,
            () -> new TimeWindowedDeserializer<String>().configure(innerOnly, true));
        assertThrows(IllegalArgumentException.class, () -> new TimeWindowedDeserializer<>(Serdes.String()
            .deserializer(), 10L).configure(Map.of(TimeWindowedDeserializer.WINDOW_SIZE_MS_CONFIG, 20L), true));
        assertThrows(IllegalArgumentException.class, () -> new SessionWindowedSerializer<>(Serdes.Long().serializer())
            .configure(Map.of(SessionWindowedSerializer.WINDOWED_INNER_SERIALIZER_CLASS, Serdes.StringSerde.class),
                true));
        assertThrows(NullPointerException.class,
            () -> new SessionWindowedDeserializer<String>().deserialize("t", SESSION_WINDOWED_AB));
    }

    @Test
    void shouldKeepTheConstructorsInnerSerdeWhenTheConfigNamesTheSameClass() {
        TimeWindowedDeserializer<String> deserializer = new TimeWindowedDeserializer<>(Serdes.String().deserializer(),
            null);
        deserializer.configure(Map.of(TimeWindowedDeserializer.WINDOWED_INNER_DESERIALIZER_CLASS,
            Serdes.StringSerde.class, TimeWindowedDeserializer.WINDOW_SIZE_MS_CONFIG, 10L), true);
        assertEquals(AB_IN_WINDOW, deserializer.deserialize("t", TIME_WINDOWED_AB));
    }

    @Test
    void shouldSerializeTheBaseKeyAndPassHeadersToTheInnerSerde() {
        Headers headers = new RecordHeaders().add("prefix", "x-".getBytes(StandardCharsets.UTF_8));
        TimeWindowedSerializer<String> time = new TimeWindowedSerializer<>(new PrefixingSerializer());
        SessionWindowedSerializer<String> session = new SessionWindowedSerializer<>(new PrefixingSerializer());
        byte[] prefixed = "x-ab".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(AB, time.serializeBaseKey("t", AB_IN_WINDOW));
        assertArrayEquals(prefixed, time.serializeBaseKey("t", headers, AB_IN_WINDOW));
        assertArrayEquals(AB, session.serializeBaseKey("t", AB_IN_SESSION));
        assertArrayEquals(prefixed, session.serializeBaseKey("t", headers, AB_IN_SESSION));
        byte[] timeBytes = time.serialize("t", headers, AB_IN_WINDOW);
        byte[] sessionBytes = session.serialize("t", headers, AB_IN_SESSION);
        assertArrayEquals(ByteBuffer.allocate(12).put(prefixed).putLong(20).array(), timeBytes);
        assertArrayEquals(ByteBuffer.allocate(20).put(prefixed).putLong(25).putLong(20).array(), sessionBytes);
        assertEquals(AB_IN_WINDOW, new TimeWindowedDeserializer<>(new PrefixStrippingDeserializer(), 10L)
            .deserialize("t", headers, timeBytes));
        assertEquals(AB_IN_SESSION, new SessionWindowedDeserializer<>(new PrefixStrippingDeserializer())
            .deserialize("t", headers, sessionBytes));
    }

    /** Writes UTF-8, behind the "prefix" header's value when given headers. */
    private static final class PrefixingSerializer implements Serializer<String> {
        @Override
        public byte[] serialize(String topic, String data) {
            return data.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, String data) {
            return (new String(headers.lastHeader("prefix").value(), StandardCharsets.UTF_8) + data)
                .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Reads what {@link PrefixingSerializer} writes. */
    private static final class PrefixStrippingDeserializer implements Deserializer<String> {
        @Override
        public String deserialize(String topic, byte[] data) {
            return new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public String deserialize(String topic, Headers headers, byte[] data) {
            return deserialize(topic, data).substring(headers.lastHeader("prefix").value().length);
        }
    }
}
