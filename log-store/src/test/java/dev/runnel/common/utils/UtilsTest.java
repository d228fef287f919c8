package dev.runnel.common.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class UtilsTest {

    /** Kafka's published known answers (UtilsTest.testMurmur2 in apache/kafka). */
    static Stream<Arguments> kafkaMurmur2Answers() {
        return Stream.of(
            Arguments.of(ascii("21"), -973932308),
            Arguments.of(ascii("foobar"), -790332482),
            Arguments.of(ascii("a-little-bit-long-string"), -985981536),
            Arguments.of(ascii("a-little-bit-longer-string"), -1486304829),
            Arguments.of(ascii("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"), -58897971),
            Arguments.of(new byte[] {'a', 'b', 'c'}, 479470107));
    }

    @ParameterizedTest
    @MethodSource("kafkaMurmur2Answers")
    void shouldMatchKafkaMurmur2(byte[] data, int expected) {
        assertEquals(expected, Utils.murmur2(data), () -> new String(data, StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "-1, 2147483647", "2147483647, 2147483647", "-2147483648, 0", "-973932308, 1173551340"})
    void shouldClearSignBitInToPositive(int number, int expected) {
        assertEquals(expected, Utils.toPositive(number));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
