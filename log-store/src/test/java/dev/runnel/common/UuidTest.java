package dev.runnel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UuidTest {
    @Test
    void shouldRoundTripThroughItsBase64Form() {
        Uuid id = new Uuid(0x0123456789abcdefL, -1L);
        assertEquals("ASNFZ4mrze__________", id.toString().substring(0, 20));
        assertEquals(22, id.toString().length());
        assertEquals(id, Uuid.fromString(id.toString()));
        assertEquals("AAAAAAAAAAAAAAAAAAAAAA", Uuid.ZERO_UUID.toString());
        assertEquals("AAAAAAAAAAAAAAAAAAAAAQ", Uuid.ONE_UUID.toString());
    }

    @Test
    void shouldNeverHandOutAReservedIdOrOneThatLooksLikeAnOption() {
        for (int i = 0; i < 1000; i++) {
            Uuid id = Uuid.randomUuid();
            assertFalse(Uuid.RESERVED.contains(id));
            assertFalse(id.toString().startsWith("-"));
        }
    }

    @Test
    void shouldRejectStringsThatAreNotSixteenBytes() {
        assertThrows(IllegalArgumentException.class, () -> Uuid.fromString("AAAA"));
        assertThrows(IllegalArgumentException.class, () -> Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAAAA"));
    }

    @Test
    void shouldOrderByTheMostThenTheLeastSignificantBits() {
        assertTrue(new Uuid(1, 0).compareTo(new Uuid(0, 5)) > 0);
        assertTrue(new Uuid(0, 1).compareTo(new Uuid(0, 2)) < 0);
        assertEquals(0, new Uuid(3, 4).compareTo(new Uuid(3, 4)));
    }
}
