package dev.runnel.common.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void shouldCompareEqualByContent() {
        Bytes a = Bytes.wrap(new byte[] {1, 2, 3});
        Bytes b = Bytes.wrap(new byte[] {1, 2, 3});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Bytes.wrap(new byte[] {1, 2}));
        assertNotEquals(a, "not bytes");
    }

    @Test
    void shouldWrapWithoutCopying() {
        byte[] array = {7};
        assertSame(array, Bytes.wrap(array).get());
        assertNull(Bytes.wrap(null));
        assertThrows(NullPointerException.class, () -> new Bytes(null));
    }

    @Test
    void shouldOrderUnsignedLexicographically() {
        Bytes empty = Bytes.EMPTY;
        Bytes low = Bytes.wrap(new byte[] {0x01});
        Bytes lowLonger = Bytes.wrap(new byte[] {0x01, 0x00});
        Bytes high = Bytes.wrap(new byte[] {(byte) 0xFF});
        TreeSet<Bytes> sorted = new TreeSet<>(List.of(high, lowLonger, empty, low));
        assertEquals(List.of(empty, low, lowLonger, high), List.copyOf(sorted));
        assertTrue(Bytes.BYTES_LEXICO_COMPARATOR.compare(new byte[] {(byte) 0x80}, new byte[] {0x7F}) > 0);
    }

    @Test
    void shouldPrintPrintableAsciiAndEscapeTheRest() {
        assertEquals("ab\\x00\\xFF\\x5C~", Bytes.wrap(new byte[] {'a', 'b', 0, (byte) 0xFF, '\\', '~'}).toString());
    }
}
