package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TestOutputTopic;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.test.TestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Windowed counts (tumbling, hopping, sliding, session) with grace periods and suppression, record by record against
 * outputs worked out by hand. Timestamps are in ms; "a@7" is key a at time 7.
 */
class WindowedAggregationTest {
    private static final Serde<Windowed<String>> TIME_WINDOWED_10 =
        WindowedSerdes.timeWindowedSerdeFrom(String.class, 10);
    private static final Serde<Windowed<String>> SESSION_WINDOWED =
        WindowedSerdes.sessionWindowedSerdeFrom(String.class);

    /** Builds input → table → output, pipes {@code records} and returns what came out. */
    private static final class Run {
        final List<KeyValue<Windowed<String>, Long>> output = new ArrayList<>();
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> input;
        final TestOutputTopic<Windowed<String>, Long> out;

        Run(Function<KGroupedStream<String, String>, KTable<Windowed<String>, Long>> aggregation,
            Serde<Windowed<String>> keySerde) {
            StreamsBuilder builder = new StreamsBuilder();
            aggregation.apply(builder.stream("events", Consumed.with(Serdes.String(), Serdes.String())).groupByKey())
                .toStream().to("out", Produced.with(keySerde, Serdes.Long()));
            driver = new TopologyTestDriver(builder.build(), KGroupedStreamTest.stringDefaults());
            input = driver.createInputTopic("events", Serdes.String().serializer(), Serdes.String().serializer());
            out = driver.createOutputTopic("out", keySerde.deserializer(), Serdes.Long().deserializer());
        }

        Run pipe(String key, long timestamp) {
            input.pipeInput(key, "v", timestamp);
            return this;
        }

        List<KeyValue<Windowed<String>, Long>> read() {
            return out.readKeyValuesToList();
        }
    }

    private static KeyValue<Windowed<String>, Long> tw(String key, long start, long end, Long count) {
        return KeyValue.pair(new Windowed<>(key, new TimeWindow(start, end)), count);
    }

    private static KeyValue<Windowed<String>, Long> sw(String key, long start, long end, Long count) {
        return KeyValue.pair(new Windowed<>(key, new SessionWindow(start, end)), count);
    }

    /**
     * A record more than the grace period out of order reaches back, within the inactivity gap, to a session its store
     * has already expired (gap 18 + grace 5: at stream time 129 the store keeps sessions ending at 106 or later). With
     * the record cache on, Kafka Streams' caching layer still serves that session from the clean copy its cache kept
     * when writing it down, so the record merges into it; with the cache off the store alone finds nothing, and the
     * record starts a session of its own (both as Kafka Streams 4.3's test driver gives them).
     */
    @Test
    void sessionCountMergesWithASessionItsStoreExpiredOnlyThroughTheRecordCache() {
        for (boolean caching : new boolean[] {true, false}) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("events", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(18), Duration.ofMillis(5)))
                .count(caching ? Materialized.as("counts")
                    : Materialized.<String, Long, SessionStore<Bytes, byte[]>>as("counts").withCachingDisabled())
                .toStream().to("out", Produced.with(SESSION_WINDOWED, Serdes.Long()));
            Properties props = KGroupedStreamTest.stringDefaults();
            props.remove(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
            try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
                TestInputTopic<String, String> input = driver.createInputTopic("events",
                    Serdes.String().serializer(), Serdes.String().serializer());
                TestOutputTopic<Windowed<String>, Long> out = driver.createOutputTopic("out",
                    SESSION_WINDOWED.deserializer(), Serdes.Long().deserializer());
                input.pipeInput("b", "v", 101);
                input.pipeInput("a", "v", 129);
                assertEquals(List.of(sw("b", 101, 101, 1L), sw("a", 129, 129, 1L)), out.readKeyValuesToList());
                input.pipeInput("b", "v", 114);
                assertEquals(caching ? List.of(sw("b", 101, 114, 2L)) : List.of(sw("b", 114, 114, 1L)),
                    out.readKeyValuesToList(), "caching " + caching);
            }
        }
    }

    @Test
    void tumblingCountEmitsEveryUpdateAndDropsRecordsOfClosedWindows() {
        Run run = new Run(grouped -> grouped.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10),
            Duration.ofMillis(5))).count(), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("a", 1).pipe("a", 8).pipe("a", 12);
            run.pipe("a", 3);   // late, but [0,10) is open until stream time 15
            run.pipe("b", 16);  // stream time 16: [0,10) closes
            run.pipe("a", 4);   // [0,10) closed: dropped and counted
            run.pipe("c", 30);
            assertEquals(List.of(tw("a", 0, 10, 1L), tw("a", 0, 10, 2L), tw("a", 10, 20, 1L), tw("a", 0, 10, 3L),
                tw("b", 10, 20, 1L), tw("c", 30, 40, 1L)), run.read());
            assertEquals(1, driver.droppedRecordsTotal());
        }
    }

    @Test
    void tumblingCountSuppressedUntilWindowClosesEmitsOnlyFinalResults() {
        Run run = new Run(grouped -> grouped.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10),
            Duration.ofMillis(5))).count(Materialized.as("counts"))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("a", 1).pipe("a", 8).pipe("a", 12).pipe("a", 3);
            assertEquals(List.of(), run.read(), "nothing is final before stream time reaches end + grace");
            run.pipe("b", 16);
            List<TestRecord<Windowed<String>, Long>> first = run.out.readRecordsToList();
            assertEquals(1, first.size());
            assertEquals(tw("a", 0, 10, 3L), KeyValue.pair(first.get(0).key(), first.get(0).value()));
            assertEquals(8L, first.get(0).timestamp(), "the final result carries the window's latest timestamp");
            run.pipe("a", 4);
            WindowStore<String, Long> store = driver.getWindowStore("counts");
            assertEquals(3L, store.fetch("a", 0));
            run.pipe("c", 30);
            assertEquals(List.of(tw("a", 10, 20, 1L), tw("b", 10, 20, 1L)), run.read());
            assertEquals(1, driver.droppedRecordsTotal());
            try (KeyValueIterator<Windowed<String>, Long> all = store.all()) {
                List<KeyValue<Windowed<String>, Long>> entries = new ArrayList<>();
                all.forEachRemaining(entries::add);
                assertEquals(List.of(tw("c", 30, 40, 1L)), entries,
                    "retention is size + grace (15) from the window start: only [30,40) is left at stream time 30");
            }
        }
    }

    /**
     * A filter or mapValues of a windowed table keeps its windowed keys, so untilWindowCloses takes the grace period
     * of the aggregation upstream, as Kafka's suppress looks for it through the operations between. A window whose
     * last update the filter turned into a tombstone has no final result to emit.
     */
    @Test
    void untilWindowClosesAfterFilterAndMapValuesEmitsTheFinalResultsOfTheWindowedTableUpstream() {
        Run run = new Run(grouped -> grouped.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10),
            Duration.ofMillis(5))).count().filter((window, count) -> count % 2 == 1)
            .mapValues(count -> count * 10, Materialized.with(null, Serdes.Long()))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("a", 1).pipe("a", 3); // a's [0,10) counts 2: filtered out
            run.pipe("b", 4).pipe("b", 5).pipe("b", 6); // b's [0,10) counts 3
            run.pipe("c", 14);
            assertEquals(List.of(), run.read(), "[0,10) closes at 10 + grace 5");
            run.pipe("c", 15);
            List<TestRecord<Windowed<String>, Long>> closed = run.out.readRecordsToList();
            assertEquals(List.of(tw("b", 0, 10, 30L)), closed.stream()
                .map(record -> KeyValue.pair(record.key(), record.value())).toList());
            assertEquals(6L, closed.get(0).timestamp(), "the timestamp of b's last update");
        }
    }

    @Test
    void emitStrategyOnWindowCloseEmitsOnlyFinalResultsOfTimeAndSessionWindows() {
        Run tumbling = new Run(grouped -> grouped.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10),
            Duration.ofMillis(5))).emitStrategy(EmitStrategy.onWindowClose()).count(), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = tumbling.driver) {
            tumbling.pipe("a", 1).pipe("a", 8).pipe("a", 12).pipe("a", 3);
            assertEquals(List.of(), tumbling.read(), "nothing is final before stream time reaches end + grace");
            tumbling.pipe("b", 16);
            assertEquals(List.of(tw("a", 0, 10, 3L)), tumbling.read());
        }
        Run sessions = new Run(grouped -> grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(
            Duration.ofMillis(5), Duration.ofMillis(2))).emitStrategy(EmitStrategy.onWindowClose()).count(),
            SESSION_WINDOWED);
        try (TopologyTestDriver driver = sessions.driver) {
            sessions.pipe("a", 0).pipe("a", 3).pipe("a", 8);
            assertEquals(List.of(), sessions.read());
            sessions.pipe("c", 30);
            assertEquals(List.of(sw("a", 0, 8, 3L)), sessions.read(), "no merged-away session, the final one once");
        }
        Run updates = new Run(grouped -> grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .emitStrategy(EmitStrategy.onWindowUpdate()).count(), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = updates.driver) {
            updates.pipe("a", 1).pipe("a", 2);
            assertEquals(List.of(tw("a", 0, 10, 1L), tw("a", 0, 10, 2L)), updates.read(), "the default: every update");
        }
    }

    /**
     * An aggregation emitting on window close forwards each closed window as a new result, with no old value (Kafka's
     * emits the window's aggregate alone). A filter after it, which gets old values from an aggregation, drops a
     * change from no value to no value: a closed window it rejects gives no tombstone, even a sliding window copied
     * from another one, whose updates started from that window's aggregate.
     */
    @Test
    void onWindowCloseForwardsClosedWindowsWithoutOldValuesSoAFilterDropsTheRejectedOnes() {
        Run run = new Run(grouped -> grouped.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(
            Duration.ofMillis(10))).emitStrategy(EmitStrategy.onWindowClose()).count()
            .filter((window, count) -> count % 2 == 1), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("a", 100); // left window [90,100] = {100}
            run.pipe("a", 105); // [90,100] closes; 100's right window [101,111] = {105}; [95,105] = {100, 105}
            assertEquals(List.of(tw("a", 90, 100, 1L)), run.read());
            run.pipe("b", 112); // [95,105] (count 2, rejected: nothing) and [101,111] close
            assertEquals(List.of(tw("a", 101, 111, 1L)), run.read());
        }
    }

    @Test
    void hoppingCountAddsEachRecordToEveryOpenWindowItFallsIn() {
        Run run = new Run(grouped -> grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))
            .advanceBy(Duration.ofMillis(5))).count(), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("a", 7).pipe("a", 12);
            run.pipe("a", 9); // [0,10) closed at stream time 12; [5,15) still open
            assertEquals(List.of(tw("a", 0, 10, 1L), tw("a", 5, 15, 1L), tw("a", 5, 15, 2L), tw("a", 10, 20, 1L),
                tw("a", 5, 15, 3L)), run.read());
            assertEquals(1, driver.droppedRecordsTotal(), "dropped once per closed window, as Kafka counts");
        }
    }

    @Test
    void slidingCountCreatesWindowsAtRecordBoundaries() {
        Run run = new Run(grouped -> grouped.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10),
            Duration.ofMillis(30))).count(), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("a", 5);  // [0,10] (an early record's left window starts at 0)
            run.pipe("a", 8);  // 5's right window [6,16] = {8}, then [0,10] += 8 (Kafka's order)
            run.pipe("a", 20); // left window [10,20] = {20}; 8's right window [9,19] would be empty
            run.pipe("a", 25); // right of 20 = {25}; [10,20] misses 25; left [15,25] = {20, 25} copied from [10,20]
            assertEquals(List.of(tw("a", 0, 10, 1L), tw("a", 6, 16, 1L), tw("a", 0, 10, 2L), tw("a", 10, 20, 1L),
                tw("a", 21, 31, 1L), tw("a", 15, 25, 2L)), run.read());
            assertEquals(0, driver.droppedRecordsTotal());
        }
    }

    /**
     * Kafka 4.3's KStreamSlidingWindowAggregate, run on these records, gives exactly this output: it takes the
     * previous record from the latest window ending before the record (here [1,11], so 11), not from the windows
     * holding it, and so creates no right window for c@12, whose left window had closed before it came.
     */
    @Test
    void slidingCountTakesThePreviousRecordAsKafkaWhenAnOutOfOrderRecordsLeftWindowClosed() {
        Run run = new Run(grouped -> grouped.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10),
            Duration.ofMillis(0))).count(), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("c", 11); // [1,11] = {11}
            run.pipe("x", 13); // stream time 13
            run.pipe("c", 12); // 11's right window [12,22] = {12}; its left window [2,12] has closed: dropped
            run.pipe("c", 16); // [12,22] += 16; left [6,16] = [1,11] + 16
            assertEquals(List.of(tw("c", 1, 11, 1L), tw("x", 3, 13, 1L), tw("c", 12, 22, 1L), tw("c", 12, 22, 2L),
                tw("c", 6, 16, 2L)), run.read());
            assertEquals(1, driver.droppedRecordsTotal());
        }
    }

    /**
     * A sliding aggregation's store keeps windows for 2 * time difference + grace by default, as Kafka's does, and
     * accepts exactly that as a Materialized retention. The in-memory store expires a window once its start is at or
     * before the latest window start written minus the retention: here 41 - 20 = 21, so a's [21,29] is gone.
     */
    @Test
    void slidingStoreRetainsTwiceTheTimeDifferencePlusGrace() {
        SlidingWindows windows = SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(8), Duration.ofMillis(4));
        Run run = new Run(grouped -> grouped.windowedBy(windows).count(
            Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("s")), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("a", 29); // [21,29]
            run.pipe("c", 30); // [22,30]
            run.pipe("b", 49); // [41,49]: expires the windows starting at or before 41 - (2 * 8 + 4) = 21
            WindowStore<String, Long> store = driver.getWindowStore("s");
            try (KeyValueIterator<Windowed<String>, Long> all = store.all()) {
                assertEquals(List.of(KeyValue.pair(new Windowed<>("c", new TimeWindow(22, 30)), 1L),
                    KeyValue.pair(new Windowed<>("b", new TimeWindow(41, 49)), 1L)), toList(all));
            }
        }
        StreamsBuilder builder = new StreamsBuilder();
        TimeWindowedKStream<String, String> windowed = builder.stream("events",
            Consumed.with(Serdes.String(), Serdes.String())).groupByKey().windowedBy(windows);
        windowed.count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("least").withRetention(
            Duration.ofMillis(20)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> windowed.count(
            Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("short").withRetention(Duration.ofMillis(19))));
        assertEquals("The retention period of the window store short must be no smaller than 2 * time"
            + " difference plus the grace period. Got time difference=[8], grace=[4], retention=[19]", e.getMessage());
    }

    private static <K, V> List<KeyValue<K, V>> toList(KeyValueIterator<K, V> iterator) {
        List<KeyValue<K, V>> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    /**
     * Uncached, Kafka's sliding aggregation forwards a new window with, as its old value, the aggregate the window
     * starts from: the initializer's, or that of the earlier window it copies. A filter downstream that keeps that old
     * value but not the new one forwards a tombstone for the new window.
     */
    @Test
    void uncachedSlidingAggregationForwardsANewWindowWithTheAggregateItStartsFromAsOldValue() {
        Run run = new Run(grouped -> grouped.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(
            Duration.ofMillis(10))).count().filter((window, count) -> count < 2), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("c", 20); // [10,20] = 1, from 0
            run.pipe("c", 25); // 20's right window [21,31] = 1, from 0; [15,25] = 2, copied from [10,20] = 1
            assertEquals(List.of(tw("c", 10, 20, 1L), tw("c", 21, 31, 1L), tw("c", 15, 25, null)), run.read());
        }
    }

    /**
     * Uncached, Kafka's time-windowed aggregation forwards a new window with the initializer's aggregate, the one the
     * window starts from, as its old value. A groupBy reduce of the counts subtracts that old value (0) before it
     * adds the new one, so its subtractor is called for every new window once the reduce has a sum: a@1 opens a
     * window (the reduce takes its first count as is, with nothing to subtract from), a@2 changes it from 1 to 2, b@3
     * opens b's window and a@12 a later one of a.
     */
    @Test
    void uncachedTimeWindowedAggregationForwardsANewWindowWithTheInitialAggregateAsOldValue() {
        List<String> calls = new ArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).count()
            .groupBy((window, count) -> KeyValue.pair("all", count), Grouped.with(Serdes.String(), Serdes.Long()))
            .reduce(KGroupedStreamTest.recordingAdder(calls), KGroupedStreamTest.recordingSubtractor(calls));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), KGroupedStreamTest.stringDefaults())) {
            TestInputTopic<String, String> input =
                driver.createInputTopic("events", Serdes.String().serializer(), Serdes.String().serializer());
            input.pipeInput("a", "v", 1);
            input.pipeInput("a", "v", 2);
            input.pipeInput("b", "v", 3);
            input.pipeInput("a", "v", 12);
        }
        assertEquals(List.of("subtract 1,1", "add 0,2", "subtract 2,0", "add 2,1", "subtract 3,0", "add 3,1"), calls);
    }

    @Test
    void cogroupedSlidingAggregateBuildsTheSameWindowsFromAllStreams() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, Long> purchases =
            builder.stream("purchases", Consumed.with(Serdes.String(), Serdes.Long())).groupByKey();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .<Long>cogroup((key, page, score) -> score + 1)
            .cogroup(purchases, (key, amount, score) -> score + amount)
            .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(30)))
            .aggregate(() -> 0L, Materialized.with(Serdes.String(), Serdes.Long()))
            .toStream().to("out", Produced.with(TIME_WINDOWED_10, Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), KGroupedStreamTest.stringDefaults())) {
            TestInputTopic<String, String> clicks =
                driver.createInputTopic("clicks", Serdes.String().serializer(), Serdes.String().serializer());
            TestInputTopic<String, Long> purchaseInput =
                driver.createInputTopic("purchases", Serdes.String().serializer(), Serdes.Long().serializer());
            TestOutputTopic<Windowed<String>, Long> out =
                driver.createOutputTopic("out", TIME_WINDOWED_10.deserializer(), Serdes.Long().deserializer());
            clicks.pipeInput("a", "/home", 5);      // [0,10] = 1
            purchaseInput.pipeInput("a", 100L, 8);  // 5's right window [6,16] = {8}; [0,10] = 1 + 100
            clicks.pipeInput("a", "/cart", 20);     // left window [10,20] = {20}
            purchaseInput.pipeInput("a", 10L, 25);  // right of 20 = {25}; left [15,25] = {20, 25} copied from [10,20]
            assertEquals(List.of(tw("a", 0, 10, 1L), tw("a", 6, 16, 100L), tw("a", 0, 10, 101L), tw("a", 10, 20, 1L),
                tw("a", 21, 31, 10L), tw("a", 15, 25, 11L)), out.readKeyValuesToList());
        }
    }

    @Test
    void unlimitedCountKeepsOneNeverEndingWindowPerKeyFromItsStart() {
        Serde<Windowed<String>> unlimited = WindowedSerdes.timeWindowedSerdeFrom(String.class, Long.MAX_VALUE);
        Run run = new Run(grouped -> grouped.windowedBy(UnlimitedWindows.of().startOn(Instant.ofEpochMilli(10)))
            .count(), unlimited);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("a", 5);         // before the start: in no window
            run.pipe("a", 10);
            run.pipe("b", 1_000_000);
            run.pipe("a", 20);        // no grace, but [10, MAX) never closes: not late
            assertEquals(List.of(tw("a", 10, Long.MAX_VALUE, 1L), tw("b", 10, Long.MAX_VALUE, 1L),
                tw("a", 10, Long.MAX_VALUE, 2L)), run.read());
            assertEquals(0, driver.droppedRecordsTotal());
        }
    }

    @Test
    void unlimitedWindowsStartAtANonNegativeTimeAndAreNeverLate() {
        UnlimitedWindows windows = UnlimitedWindows.of().startOn(Instant.ofEpochMilli(10));
        assertEquals(Map.of(), windows.windowsFor(9));
        assertEquals(10L, windows.windowsFor(50).get(10L).start());
        assertEquals(List.of(Long.MAX_VALUE, 0L), List.of(windows.size(), windows.gracePeriodMs()));
        assertEquals(UnlimitedWindows.of().startOn(Instant.ofEpochMilli(10)), windows);
        assertThrows(IllegalArgumentException.class, () -> UnlimitedWindows.of().startOn(Instant.ofEpochMilli(-1)));
    }

    /**
     * Kafka's time and session window aggregations skip only records without a key: a record with a null value is
     * aggregated like any other (a count counts it, an aggregator is handed the null). Its sliding window
     * aggregation skips null values as well.
     */
    @Test
    void timeAndSessionWindowsAggregateNullValuesWhileSlidingWindowsSkipThem() {
        Run tumbling = new Run(grouped -> grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .count(), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = tumbling.driver) {
            tumbling.pipe("a", 1);
            tumbling.input.pipeInput("a", null, 2);
            tumbling.input.pipeInput(null, "v", 3);
            assertEquals(List.of(tw("a", 0, 10, 1L), tw("a", 0, 10, 2L)), tumbling.read());
            assertEquals(1, driver.droppedRecordsTotal(), "only the record without a key");
        }
        Run sessions = new Run(grouped -> grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(
            Duration.ofMillis(5))).count(), SESSION_WINDOWED);
        try (TopologyTestDriver driver = sessions.driver) {
            sessions.pipe("a", 1);
            sessions.input.pipeInput("a", null, 3); // extends [1,1] to [1,3]
            assertEquals(List.of(sw("a", 1, 1, 1L), sw("a", 1, 1, null), sw("a", 1, 3, 2L)), sessions.read());
            assertEquals(0, driver.droppedRecordsTotal());
        }
        Run sliding = new Run(grouped -> grouped.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(
            Duration.ofMillis(10))).count(), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = sliding.driver) {
            sliding.pipe("a", 1);
            sliding.input.pipeInput("a", null, 2);
            assertEquals(List.of(tw("a", 0, 10, 1L)), sliding.read());
            assertEquals(1, driver.droppedRecordsTotal());
        }
    }

    /**
     * Without a record cache (size 0 here), Kafka's aggregation forwards every update of a window itself: even one
     * that leaves a new window's aggregate null (a tombstone for a window that was never written), and a deletion
     * with the window's timestamp (the latest of its records and the deleting one), not the deleting record's.
     */
    @Test
    void uncachedWindowedAggregationForwardsEachUpdateItself() {
        Run staysNull = new Run(grouped -> grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .aggregate(() -> null, (key, value, agg) -> value == null ? agg : Long.valueOf(1L),
                Materialized.with(Serdes.String(), Serdes.Long())), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = staysNull.driver) {
            staysNull.input.pipeInput("a", null, 1);
            staysNull.pipe("a", 2);
            assertEquals(List.of(tw("a", 0, 10, null), tw("a", 0, 10, 1L)), staysNull.read());
        }
        Run deleted = new Run(grouped -> grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .aggregate(() -> null, (key, value, agg) -> value == null ? null : Long.valueOf(1L),
                Materialized.with(Serdes.String(), Serdes.Long())), TIME_WINDOWED_10);
        try (TopologyTestDriver driver = deleted.driver) {
            deleted.pipe("a", 5);
            deleted.input.pipeInput("a", null, 3); // deletes [0,10)
            List<TestRecord<Windowed<String>, Long>> records = deleted.out.readRecordsToList();
            assertEquals(List.of(tw("a", 0, 10, 1L), tw("a", 0, 10, null)), records.stream()
                .map(record -> KeyValue.pair(record.key(), record.value())).toList());
            assertEquals(5L, records.get(1).timestamp());
        }
    }

    /**
     * Kafka's session aggregation, unless a record makes a session of its own instant, deletes every session the
     * record merges, also the one it only falls into, and then writes the merged one, forwarding (uncached) a
     * tombstone for each deleted session and the merged one without an old value.
     */
    @Test
    void sessionAggregationRewritesTheSessionARecordFallsInto() {
        Run run = new Run(grouped -> grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(
            Duration.ofMillis(5))).count(), SESSION_WINDOWED);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("a", 0).pipe("a", 3);
            run.pipe("a", 2); // falls into [0,3]
            run.pipe("a", 10).pipe("a", 10); // [10,10] is the record's own instant: written over
            assertEquals(List.of(sw("a", 0, 0, 1L), sw("a", 0, 0, null), sw("a", 0, 3, 2L), sw("a", 0, 3, null),
                sw("a", 0, 3, 3L), sw("a", 10, 10, 1L), sw("a", 10, 10, 2L)), run.read());
        }
    }

    @Test
    void sessionCountMergesSessionsAndDeletesTheMergedOnes() {
        Run run = new Run(grouped -> grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(
            Duration.ofMillis(5))).count(), SESSION_WINDOWED);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("a", 0).pipe("a", 3);
            run.pipe("a", 20);
            run.pipe("a", 10); // a new session [10,10] would end before stream time 20: dropped
            run.pipe("a", 16); // bridges into [20,20] → [16,20]
            assertEquals(List.of(sw("a", 0, 0, 1L), sw("a", 0, 0, null), sw("a", 0, 3, 2L), sw("a", 20, 20, 1L),
                sw("a", 20, 20, null), sw("a", 16, 20, 2L)), run.read());
            assertEquals(1, driver.droppedRecordsTotal());
            assertEquals(2L, driver.<String, Long>getSessionStore("KSTREAM-AGGREGATE-STATE-STORE-0000000001")
                .fetchSession("a", 16, 20));
            // With the record cache off, Kafka forwards a session's updates as new records, without the headers of
            // the record that made them (the cache's flush, by contrast, forwards them in that record's context).
            run.input.pipeInput(new TestRecord<>("a", "v", new RecordHeaders().add("h", new byte[] {1}), 25L));
            List<TestRecord<Windowed<String>, Long>> merged = run.out.readRecordsToList();
            assertEquals(List.of(sw("a", 16, 20, null), sw("a", 16, 25, 3L)), merged.stream()
                .map(record -> KeyValue.pair(record.key(), record.value())).toList());
            assertEquals(List.of(0, 0), merged.stream().map(record -> record.headers().toArray().length).toList());
        }
    }

    @Test
    void sessionCountSuppressedEmitsEachSessionOnceAfterItCloses() {
        Run run = new Run(grouped -> grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5),
            Duration.ofMillis(2))).count().suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())),
            SESSION_WINDOWED);
        try (TopologyTestDriver driver = run.driver) {
            run.pipe("a", 0).pipe("a", 3).pipe("b", 4);
            assertEquals(List.of(), run.read());
            run.pipe("a", 8);  // merges into [0,8]
            assertEquals(List.of(), run.read());
            // As in Kafka, suppression emits a session once it ends at or before its time (the largest session end
            // it saw) - gap - grace: 11 - 5 - 2 = 4 emits [4,4], though a record at 9 could still extend it.
            run.pipe("b", 11);
            assertEquals(List.of(sw("b", 4, 4, 1L)), run.read());
            run.pipe("a", 12); // extends [0,8] to [0,12]
            assertEquals(List.of(), run.read());
            run.pipe("c", 30);
            assertEquals(List.of(sw("b", 11, 11, 1L), sw("a", 0, 12, 4L)), run.read(),
                "merged-away sessions are never emitted; each final session once, in end order");
            assertEquals(0, driver.droppedRecordsTotal());
        }
    }

    @Test
    void untilTimeLimitEmitsTheLatestValueAfterTheLimitAndEarlyWhenTheBufferIsFull() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.with(Serdes.String(), Serdes.Long()))
            .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(10), Suppressed.BufferConfig.maxRecords(2)))
            .toStream().to("out", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), KGroupedStreamTest.stringDefaults())) {
            TestInputTopic<String, String> input =
                driver.createInputTopic("events", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Long> out =
                driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.Long().deserializer());
            input.pipeInput("a", "v", 0);
            input.pipeInput("a", "v", 5);
            input.pipeInput("b", "v", 6);
            assertEquals(List.of(), out.readKeyValuesToList());
            input.pipeInput("a", "v", 10); // a was first buffered at 0: due at 10
            assertEquals(List.of(KeyValue.pair("a", 3L)), out.readKeyValuesToList());
            input.pipeInput("c", "v", 11);
            input.pipeInput("d", "v", 12); // three keys in a buffer of two: the oldest (b) goes early
            assertEquals(List.of(KeyValue.pair("b", 1L)), out.readKeyValuesToList());
        }
    }

    @Test
    void shouldRejectRetentionShorterThanSizePlusGrace() {
        StreamsBuilder builder = new StreamsBuilder();
        TimeWindowedKStream<String, String> windowed = builder.stream("events",
            Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> windowed.count(
            Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("w").withRetention(Duration.ofMillis(12))));
        assertEquals("The retention period of the window store w must be no smaller than its window size plus the"
            + " grace period. Got size=[10], grace=[5], retention=[12]", e.getMessage());
    }
}
