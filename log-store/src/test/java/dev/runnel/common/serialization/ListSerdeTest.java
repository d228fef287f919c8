package dev.runnel.common.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.clients.CommonClientConfigs;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.errors.SerializationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The list serde against golden bytes of Kafka's format (KIP-466), worked out by hand from the layout: a strategy
 * byte, for fixed-width elements the null count and null indexes, the size, then the entries.
 */
class ListSerdeTest {
    private static final String TOPIC = "lists";

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    private static <T> void assertGolden(Serde<List<T>> serde, List<T> list, String golden) {
        byte[] bytes = serde.serializer().serialize(TOPIC, list);
        assertEquals(golden.replace(" ", ""), HexFormat.of().formatHex(bytes));
        assertEquals(list, serde.deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void shouldWriteFixedWidthElementsWithNullIndexesUpFront() {
        Serde<List<Integer>> serde = Serdes.ListSerde(ArrayList.class, Serdes.Integer());
        // strategy 0, one null at index 1, size 3, then 1 and 3 with no lengths and nothing for the null
        assertGolden(serde, Arrays.asList(1, null, 3), "00 00000001 00000001 00000003 00000001 00000003");
        assertGolden(Serdes.ListSerde(ArrayList.class, Serdes.Short()), List.of((short) -2),
            "00 00000000 00000001 fffe");
        assertGolden(Serdes.ListSerde(ArrayList.class, Serdes.Long()), List.of(), "00 00000000 00000000");
        assertGolden(Serdes.ListSerde(ArrayList.class, Serdes.Double()), List.of(1.0),
            "00 00000000 00000001 3ff0000000000000");
    }

    @Test
    void shouldWriteUuidsAsFixedWidthText() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        String text = HexFormat.of().formatHex(id.toString().getBytes(StandardCharsets.US_ASCII));
        assertGolden(Serdes.ListSerde(ArrayList.class, Serdes.UUID()), List.of(id), "00 00000000 00000001 " + text);
    }

    @Test
    void shouldWriteVariableWidthElementsWithLengthsAndMinusOneForNull() {
        Serde<List<String>> serde = Serdes.ListSerde(ArrayList.class, Serdes.String());
        // strategy 1, size 3, then "a" (length 1), null (length -1), "" (length 0)
        assertGolden(serde, Arrays.asList("a", null, ""), "01 00000003 00000001 61 ffffffff 00000000");
        // Booleans are not among Kafka's fixed-width inner serializers, so they carry lengths too.
        assertGolden(Serdes.ListSerde(ArrayList.class, Serdes.Boolean()), List.of(true), "01 00000001 00000001 01");
    }

    @Test
    void shouldChooseTheStrategyByExactInnerSerializerClassAsKafkaDoes() {
        Serializer<Integer> subclass = new IntegerSerializer() { };
        byte[] bytes = new ListSerializer<>(subclass).serialize(TOPIC, List.of(7));
        assertArrayEquals(hex("01 00000001 00000004 00000007"), bytes);
        // The reader follows the flag in the data, whatever its own inner class.
        assertEquals(List.of(7), new ListDeserializer<>(ArrayList.class, new IntegerDeserializer()).deserialize(TOPIC,
            bytes));
    }

    @Test
    void shouldMapNullListToNullAndBuildTheRequestedListClass() {
        Serde<List<String>> serde = Serdes.ListSerde(LinkedList.class, Serdes.String());
        assertNull(serde.serializer().serialize(TOPIC, null));
        assertNull(serde.deserializer().deserialize(TOPIC, null));
        assertInstanceOf(LinkedList.class, serde.deserializer().deserialize(TOPIC, hex("01 00000000")));
    }

    @Test
    void shouldConfigureTheNoArgumentSerdeFromTheListKeys() {
        Serde<List<Long>> keySerde = new Serdes.ListSerde<>();
        keySerde.configure(Map.of(CommonClientConfigs.DEFAULT_LIST_KEY_SERDE_INNER_CLASS, Serdes.LongSerde.class,
            CommonClientConfigs.DEFAULT_LIST_KEY_SERDE_TYPE_CLASS, LinkedList.class), true);
        byte[] bytes = keySerde.serializer().serialize(TOPIC, List.of(5L));
        assertArrayEquals(hex("00 00000000 00000001 0000000000000005"), bytes);
        assertInstanceOf(LinkedList.class, keySerde.deserializer().deserialize(TOPIC, bytes));

        Serde<List<String>> valueSerde = new Serdes.ListSerde<>();
        valueSerde.configure(Map.of(
            CommonClientConfigs.DEFAULT_LIST_VALUE_SERDE_INNER_CLASS, Serdes.StringSerde.class.getName(),
            CommonClientConfigs.DEFAULT_LIST_VALUE_SERDE_TYPE_CLASS, "java.util.ArrayList"), false);
        assertEquals(List.of("x"), valueSerde.deserializer().deserialize(TOPIC,
            valueSerde.serializer().serialize(TOPIC, List.of("x"))));
    }

    @Test
    void shouldRejectConfigsThatCannotBuildTheSerde() {
        Map<String, Object> configs = Map.of(CommonClientConfigs.DEFAULT_LIST_KEY_SERDE_INNER_CLASS,
            Serdes.LongSerde.class, CommonClientConfigs.DEFAULT_LIST_KEY_SERDE_TYPE_CLASS, ArrayList.class);
        assertThrows(ConfigException.class,
            () -> Serdes.ListSerde(ArrayList.class, Serdes.Long()).configure(configs, true));
        assertThrows(ConfigException.class, () -> new Serdes.ListSerde<>().configure(configs, false));
        assertThrows(ConfigException.class, () -> new ListDeserializer<>().configure(
            Map.of(CommonClientConfigs.DEFAULT_LIST_KEY_SERDE_INNER_CLASS, Serdes.LongSerde.class,
                CommonClientConfigs.DEFAULT_LIST_KEY_SERDE_TYPE_CLASS, String.class), true));
    }

    @Test
    void shouldRejectMalformedDataBeforeAllocating() {
        ListDeserializer<Integer> ints = new ListDeserializer<>(ArrayList.class, new IntegerDeserializer());
        ListDeserializer<String> strings = new ListDeserializer<>(ArrayList.class, new StringDeserializer());
        assertThrows(SerializationException.class, () -> ints.deserialize(TOPIC, hex("02 00000000")));
        assertThrows(SerializationException.class, () -> ints.deserialize(TOPIC, hex("00 00000000 7fffffff")));
        assertThrows(SerializationException.class, () -> ints.deserialize(TOPIC, hex("00 00000000 00000001 0001")));
        assertThrows(SerializationException.class, () -> ints.deserialize(TOPIC, hex("00 00000001 00000005 00000001")));
        assertThrows(SerializationException.class, () -> strings.deserialize(TOPIC, hex("01 00000001 00000005 61")));
        assertThrows(SerializationException.class, () -> strings.deserialize(TOPIC, hex("00 00000000 00000000")));
    }

    @Test
    void shouldRefuseFixedWidthElementsOfAnotherWidth() {
        UUIDSerializer utf16 = new UUIDSerializer();
        utf16.configure(Map.of("serializer.encoding", "UTF-16"), false);
        assertThrows(SerializationException.class,
            () -> new ListSerializer<>(utf16).serialize(TOPIC, List.of(new UUID(1, 2))));
    }
}
