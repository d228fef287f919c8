package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class LagInfoTest {
    @Test
    void shouldComputeTheLagFromTheTwoPositions() {
        LagInfo lag = new LagInfo(3, 10);

        assertEquals(3, lag.currentOffsetPosition());
        assertEquals(10, lag.endOffsetPosition());
        assertEquals(7, lag.offsetLag());
    }

    @Test
    void shouldNotReportANegativeLagForAStoreAheadOfAStaleEndOffset() {
        assertEquals(0, new LagInfo(12, 10).offsetLag());
    }

    @Test
    void shouldCompareByPositionsAndDescribeThemInItsString() {
        assertEquals(new LagInfo(3, 10), new LagInfo(3, 10));
        assertEquals(new LagInfo(3, 10).hashCode(), new LagInfo(3, 10).hashCode());
        assertNotEquals(new LagInfo(3, 10), new LagInfo(4, 10));
        assertEquals("LagInfo { currentOffsetPosition=3, endOffsetPosition=10, offsetLag=7}",
            new LagInfo(3, 10).toString());
    }
}
