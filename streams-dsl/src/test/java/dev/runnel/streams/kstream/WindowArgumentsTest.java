package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TopologyTestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The duration arguments of the window classes and of {@code Materialized#withRetention} are refused as Kafka Streams
 * refuses them: a missing or unconvertible duration with an {@link IllegalArgumentException} naming the parameter
 * ("Invalid value for parameter "size" (value was: null). It shouldn't be null."), an out-of-range one with the
 * class's own message.
 */
class WindowArgumentsTest {
    private static final Duration TEN_MS = Duration.ofMillis(10);
    /** Too long to be a number of milliseconds in a long. */
    private static final Duration HUGE = Duration.ofSeconds(Long.MAX_VALUE);

    @Test
    void aMissingDurationIsAnIllegalArgumentNamingTheParameter() {
        assertNull("size", () -> TimeWindows.ofSizeWithNoGrace(null));
        assertNull("afterWindowEnd", () -> TimeWindows.ofSizeAndGrace(TEN_MS, null));
        assertNull("advance", () -> TimeWindows.ofSizeWithNoGrace(TEN_MS).advanceBy(null));
        assertNull("timeDifference", () -> SlidingWindows.ofTimeDifferenceWithNoGrace(null));
        assertNull("afterWindowEnd", () -> SlidingWindows.ofTimeDifferenceAndGrace(TEN_MS, null));
        assertNull("inactivityGap", () -> SessionWindows.ofInactivityGapWithNoGrace(null));
        assertNull("afterWindowEnd", () -> SessionWindows.ofInactivityGapAndGrace(TEN_MS, null));
        assertNull("timeDifference", () -> JoinWindows.ofTimeDifferenceWithNoGrace(null));
        assertNull("afterWindowEnd", () -> JoinWindows.ofTimeDifferenceAndGrace(TEN_MS, null));
        assertNull("timeDifference", () -> JoinWindows.ofTimeDifferenceWithNoGrace(TEN_MS).before(null));
        assertNull("timeDifference", () -> JoinWindows.ofTimeDifferenceWithNoGrace(TEN_MS).after(null));
        assertNull("start", () -> UnlimitedWindows.of().startOn(null));
        assertNull("retention", () -> Materialized.as("store").withRetention(null));
    }

    @Test
    void aDurationTooLongForMillisecondsIsAnIllegalArgumentShowingTheValue() {
        String suffix = " (value was: " + HUGE + "). It can't be converted to milliseconds.";
        assertIllegal("Invalid value for parameter \"size\"" + suffix, () -> TimeWindows.ofSizeWithNoGrace(HUGE));
        assertIllegal("Invalid value for parameter \"inactivityGap\"" + suffix,
            () -> SessionWindows.ofInactivityGapWithNoGrace(HUGE));
        assertIllegal("Invalid value for parameter \"timeDifference\"" + suffix,
            () -> JoinWindows.ofTimeDifferenceWithNoGrace(HUGE));
        assertIllegal("Invalid value for parameter \"retention\"" + suffix,
            () -> Materialized.as("store").withRetention(HUGE));
        assertIllegal("Invalid value for parameter \"start\" (value was: " + Instant.MAX
            + "). It can't be converted to milliseconds.", () -> UnlimitedWindows.of().startOn(Instant.MAX));
    }

    @Test
    void negativeGracesIntervalsAndRetentionsAreRefusedWithTheClassesMessages() {
        Duration negative = Duration.ofMillis(-1);
        assertIllegal("Gap time cannot be negative.", () -> SessionWindows.ofInactivityGapWithNoGrace(negative));
        assertIllegal("Grace period cannot be negative.",
            () -> SessionWindows.ofInactivityGapAndGrace(TEN_MS, negative));
        String interval = "Window interval (ie, beforeMs+afterMs) must not be negative.";
        assertIllegal(interval, () -> JoinWindows.ofTimeDifferenceWithNoGrace(negative));
        assertIllegal(interval, () -> JoinWindows.ofTimeDifferenceWithNoGrace(TEN_MS).before(Duration.ofMillis(-20)));
        assertIllegal("Grace period must not be negative.",
            () -> JoinWindows.ofTimeDifferenceAndGrace(TEN_MS, negative));
        assertIllegal("Retention must not be negative.", () -> Materialized.as("store").withRetention(negative));
    }

    @Test
    void joinWindowsSayWhichMethodTheyDoNotSupport() {
        assertEquals("windowsFor() is not supported by JoinWindows.", assertThrows(UnsupportedOperationException.class,
            () -> JoinWindows.ofTimeDifferenceWithNoGrace(TEN_MS).windowsFor(0)).getMessage());
    }

    @Test
    void sessionsWithAZeroGapHoldTheRecordsOfOneTimestamp() {
        // A gap of zero is allowed: a session then only takes in records with the same timestamp as its own.
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ZERO, TEN_MS)).count()
            .toStream((window, count) -> window.key() + "@" + window.window().start() + "-" + window.window().end())
            .to("out", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                Serdes.String().serializer());
            in.pipeInput("a", "x", 5L);
            in.pipeInput("a", "y", 5L);
            in.pipeInput("a", "z", 6L);
            // the second record at 5 merges into the session [5,5] (the driver's record cache folds the merged
            // session's removal and its new count into one update); the record at 6 is one ms away, more than the
            // gap, and opens its own session
            assertEquals(List.of(KeyValue.pair("a@5-5", 1L), KeyValue.pair("a@5-5", 2L), KeyValue.pair("a@6-6", 1L)),
                driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.Long().deserializer())
                    .readKeyValuesToList());
        }
    }

    private static void assertNull(String parameter, Executable call) {
        assertIllegal("Invalid value for parameter \"" + parameter + "\" (value was: null). It shouldn't be null.",
            call);
    }

    private static void assertIllegal(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    /**
     * The deprecated JoinWindows.of gives a grace period of 24 hours less the window size (never negative), as windows
     * had before grace periods were explicit, and only such windows may change it with grace().
     */
    @Test
    @SuppressWarnings("deprecation")
    void legacyJoinWindowsDefaultTheirGraceAndAloneMayChangeIt() {
        assertEquals(86_400_000L - 20, JoinWindows.of(TEN_MS).gracePeriodMs()); // size 10 before + 10 after
        assertEquals(0L, JoinWindows.of(Duration.ofDays(1)).gracePeriodMs());
        JoinWindows changed = JoinWindows.of(TEN_MS).grace(Duration.ofMillis(3)).before(Duration.ofMillis(2));
        assertEquals("JoinWindows{beforeMs=2, afterMs=10, graceMs=3}", changed.toString());
        assertEquals(JoinWindows.ofTimeDifferenceAndGrace(TEN_MS, Duration.ofMillis(3)), JoinWindows.of(TEN_MS)
            .grace(Duration.ofMillis(3)));
        assertNull("timeDifference", () -> JoinWindows.of(null));
        assertNull("afterWindowEnd", () -> JoinWindows.of(TEN_MS).grace(null));
        assertIllegal("Grace period must not be negative.", () -> JoinWindows.of(TEN_MS).grace(Duration.ofMillis(-1)));
        String message = "Cannot call grace() after setting grace value via ofTimeDifferenceAndGrace or"
            + " ofTimeDifferenceWithNoGrace.";
        assertEquals(message, assertThrows(IllegalStateException.class,
            () -> JoinWindows.ofTimeDifferenceWithNoGrace(TEN_MS).grace(TEN_MS)).getMessage());
        assertEquals(message, assertThrows(IllegalStateException.class,
            () -> JoinWindows.ofTimeDifferenceAndGrace(TEN_MS, TEN_MS).after(TEN_MS).grace(TEN_MS)).getMessage());
    }
}
