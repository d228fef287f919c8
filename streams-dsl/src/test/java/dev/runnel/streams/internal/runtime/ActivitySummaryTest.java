package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream thread's summary line says what it did since the last one, once per log.summary.interval.ms. */
class ActivitySummaryTest {
    @Test
    void shouldLogTheCountsSinceTheLastSummaryOncePerInterval() {
        List<String> logged = new ArrayList<>();
        ActivitySummary summary = new ActivitySummary(120_000L, 1_000L, logged::add);

        summary.maybeLog(120_999L, 500, 1, 4);
        assertEquals(List.of(), logged, "before the interval has passed");

        summary.maybeLog(121_000L, 700, 2, 5);
        summary.maybeLog(200_000L, 900, 2, 6);
        summary.maybeLog(241_000L, 1_000, 3, 9);

        assertEquals(List.of(
            "Processed 700 total records, ran 2 punctuators, and committed 5 times since the last update",
            "Processed 300 total records, ran 1 punctuators, and committed 4 times since the last update"), logged);
    }

    @Test
    void shouldLogOnEveryCallWithAZeroInterval() {
        List<String> logged = new ArrayList<>();
        ActivitySummary summary = new ActivitySummary(0L, 1_000L, logged::add);

        summary.maybeLog(1_000L, 1, 0, 0);
        summary.maybeLog(1_000L, 1, 0, 0);

        assertEquals(2, logged.size());
        assertEquals("Processed 0 total records, ran 0 punctuators, and committed 0 times since the last update",
            logged.get(1));
    }
}
