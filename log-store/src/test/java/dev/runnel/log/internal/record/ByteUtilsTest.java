package dev.runnel.log.internal.record;

import dev.runnel.testing.Seeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ByteUtilsTest {
    static LongStream seeds() {
        return Seeds.seeds(20);
    }

    private static String varint(int value) {
        ByteBuffer buffer = ByteBuffer.allocate(ByteUtils.MAX_VARINT_SIZE);
        ByteUtils.writeVarint(value, buffer);
        assertEquals(buffer.position(), ByteUtils.sizeOfVarint(value), "size of " + value);
        return HexFormat.of().formatHex(buffer.array(), 0, buffer.position());
    }

    private static String varlong(long value) {
        ByteBuffer buffer = ByteBuffer.allocate(ByteUtils.MAX_VARLONG_SIZE);
        ByteUtils.writeVarlong(value, buffer);
        assertEquals(buffer.position(), ByteUtils.sizeOfVarlong(value), "size of " + value);
        return HexFormat.of().formatHex(buffer.array(), 0, buffer.position());
    }

    @Test
    void shouldEncodeKnownVarints() {
        assertEquals("00", varint(0));
        assertEquals("01", varint(-1));
        assertEquals("02", varint(1));
        assertEquals("03", varint(-2));
        assertEquals("7e", varint(63));
        assertEquals("7f", varint(-64));
        assertEquals("8001", varint(64));
        assertEquals("d804", varint(300));
        assertEquals("feffffff0f", varint(Integer.MAX_VALUE));
        assertEquals("ffffffff0f", varint(Integer.MIN_VALUE));
        assertEquals("d804", varlong(300));
        assertEquals("feffffffffffffffff01", varlong(Long.MAX_VALUE));
        assertEquals("ffffffffffffffffff01", varlong(Long.MIN_VALUE));
    }

    @Test
    void shouldRejectOverlongVarint() {
        ByteBuffer six = ByteBuffer.wrap(HexFormat.of().parseHex("ffffffffff01"));
        assertThrows(IllegalArgumentException.class, () -> ByteUtils.readVarint(six));
        ByteBuffer eleven = ByteBuffer.wrap(HexFormat.of().parseHex("ffffffffffffffffffff01"));
        assertThrows(IllegalArgumentException.class, () -> ByteUtils.readVarlong(eleven));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void varintsRoundTrip(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer buffer = ByteBuffer.allocate(16);
        for (int i = 0; i < 2_000; i++) {
            int shift = random.nextInt(32);
            int value = random.nextInt() >> shift;
            long longValue = random.nextLong() >> random.nextInt(64);
            buffer.clear();
            ByteUtils.writeVarint(value, buffer);
            assertEquals(ByteUtils.sizeOfVarint(value), buffer.position(), "seed=" + seed + " value=" + value);
            buffer.flip();
            assertEquals(value, ByteUtils.readVarint(buffer), "seed=" + seed);
            assertEquals(value, ByteUtils.readVarint(buffer, 0), "seed=" + seed);
            buffer.clear();
            assertEquals(ByteUtils.sizeOfVarint(value), ByteUtils.writeVarint(value, buffer, 3), "seed=" + seed);
            assertEquals(value, ByteUtils.readVarint(buffer, 3), "seed=" + seed);
            buffer.clear();
            ByteUtils.writeVarlong(longValue, buffer);
            assertEquals(ByteUtils.sizeOfVarlong(longValue), buffer.position(), "seed=" + seed + " " + longValue);
            buffer.flip();
            assertEquals(longValue, ByteUtils.readVarlong(buffer), "seed=" + seed);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void utf8MatchesJdk(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                int kind = random.nextInt(5);
                if (kind == 0) {
                    text.append((char) random.nextInt(0x80));
                } else if (kind == 1) {
                    text.append((char) random.nextInt(0x80, 0x800));
                } else if (kind == 2) {
                    text.append((char) random.nextInt(0x800, 0x10000)); // includes lone surrogates
                } else {
                    text.appendCodePoint(random.nextInt(0x10000, 0x110000));
                }
            }
            String s = text.toString();
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(expected.length, ByteUtils.utf8Length(s), "seed=" + seed + " string=" + s);
            ByteBuffer buffer = ByteBuffer.allocate(expected.length);
            ByteUtils.writeUtf8(s, buffer);
            assertArrayEquals(expected, buffer.array(), "seed=" + seed + " string=" + s);
        }
    }
}
