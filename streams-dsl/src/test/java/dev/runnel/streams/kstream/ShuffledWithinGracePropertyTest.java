package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TestOutputTopic;
import dev.runnel.streams.TopologyTestDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input shuffled within the grace period aggregates to the same result as a batch recompute over the sorted input:
 * every window's last update, and the suppressed final results, equal the batch sums, and nothing is dropped.
 * Seeded: replay a failure with {@code -Dtest.seed=<seed>}.
 */
class ShuffledWithinGracePropertyTest {
    private static final long GRACE = 7;
    private static final long SENTINEL_TIME = 1_000_000;

    static LongStream seeds() {
        String replay = System.getProperty("test.seed");
        return replay != null ? LongStream.of(Long.parseLong(replay)) : LongStream.range(1, 31);
    }

    private record Event(String key, long amount, long timestamp, long arrival) {
    }

    /**
     * Returns events with increasing timestamps, in an arrival order where each event is delayed by less than the
     * grace period: any event that overtakes another is less than {@code GRACE} ms younger, so stream time never
     * passes an event's timestamp by the grace period before the event arrives.
     */
    private static List<Event> shuffledWithinGrace(SplittableRandom random) {
        List<Event> events = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < 200; i++) {
            time += random.nextInt(4);
            events.add(new Event("k" + random.nextInt(4), 1 + random.nextInt(9), time, time + random.nextLong(GRACE)));
        }
        events.sort(Comparator.comparingLong(Event::arrival));
        return events;
    }

    /** Runs the events through {@code aggregation} and returns the last update and the final result per window. */
    private static List<Map<Windowed<String>, Long>> run(List<Event> events,
        java.util.function.Function<KGroupedStream<String, Long>, KTable<Windowed<String>, Long>> aggregation,
        Serde<Windowed<String>> keySerde, String where) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<Windowed<String>, Long> table = aggregation.apply(builder.stream("events",
            Consumed.with(Serdes.String(), Serdes.Long())).groupByKey());
        table.toStream().to("updates", Produced.with(keySerde, Serdes.Long()));
        table.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())).toStream()
            .to("final", Produced.with(keySerde, Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), KGroupedStreamTest.stringDefaults())) {
            TestInputTopic<String, Long> input =
                driver.createInputTopic("events", Serdes.String().serializer(), Serdes.Long().serializer());
            for (Event event : events) {
                input.pipeInput(event.key(), event.amount(), event.timestamp());
            }
            input.pipeInput("sentinel", 0L, SENTINEL_TIME); // closes every window of the events
            assertEquals(0, driver.droppedRecordsTotal(), where + ": no record of the shuffled input is late");
            TestOutputTopic<Windowed<String>, Long> updates =
                driver.createOutputTopic("updates", keySerde.deserializer(), Serdes.Long().deserializer());
            TestOutputTopic<Windowed<String>, Long> finals =
                driver.createOutputTopic("final", keySerde.deserializer(), Serdes.Long().deserializer());
            return List.of(lastPerKey(updates.readKeyValuesToList()), lastPerKey(finals.readKeyValuesToList()));
        }
    }

    private static Map<Windowed<String>, Long> lastPerKey(List<KeyValue<Windowed<String>, Long>> records) {
        Map<Windowed<String>, Long> last = new HashMap<>();
        for (KeyValue<Windowed<String>, Long> record : records) {
            if (record.key.key().equals("sentinel")) {
                continue;
            }
            if (record.value == null) {
                last.remove(record.key);
            } else {
                last.put(record.key, record.value);
            }
        }
        return last;
    }

    private static Map<Windowed<String>, Long> batchTimeWindows(List<Event> events, TimeWindows windows) {
        Map<Windowed<String>, Long> sums = new HashMap<>();
        for (Event event : events) {
            for (TimeWindow window : windows.windowsFor(event.timestamp()).values()) {
                sums.merge(new Windowed<>(event.key(), window), event.amount(), Long::sum);
            }
        }
        return sums;
    }

    private static Map<Windowed<String>, Long> batchSessions(List<Event> events, long gap) {
        Map<String, TreeMap<Long, Long>> byKey = new HashMap<>();
        for (Event event : events) {
            byKey.computeIfAbsent(event.key(), k -> new TreeMap<>()).merge(event.timestamp(), event.amount(),
                Long::sum);
        }
        Map<Windowed<String>, Long> sums = new HashMap<>();
        byKey.forEach((key, amounts) -> {
            long start = -1;
            long end = -1;
            long sum = 0;
            for (Map.Entry<Long, Long> entry : amounts.entrySet()) {
                if (start >= 0 && entry.getKey() - end > gap) {
                    sums.put(new Windowed<>(key, new SessionWindow(start, end)), sum);
                    start = -1;
                }
                if (start < 0) {
                    start = entry.getKey();
                    sum = 0;
                }
                end = entry.getKey();
                sum += entry.getValue();
            }
            sums.put(new Windowed<>(key, new SessionWindow(start, end)), sum);
        });
        return sums;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void tumblingAndHoppingSumsMatchBatchRecompute(long seed) {
        List<Event> events = shuffledWithinGrace(new SplittableRandom(seed));
        for (TimeWindows windows : List.of(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(GRACE)),
            TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(GRACE))
                .advanceBy(Duration.ofMillis(3)))) {
            String where = "seed " + seed + ", " + windows;
            List<Map<Windowed<String>, Long>> result = run(events,
                grouped -> grouped.windowedBy(windows).reduce(Long::sum),
                WindowedSerdes.timeWindowedSerdeFrom(String.class, windows.size()), where);
            Map<Windowed<String>, Long> expected = batchTimeWindows(events, windows);
            assertEquals(expected, result.get(0), where + ": last update per window");
            assertEquals(expected, result.get(1), where + ": suppressed final results");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sessionSumsMatchBatchRecompute(long seed) {
        List<Event> events = shuffledWithinGrace(new SplittableRandom(seed));
        SessionWindows windows = SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(4), Duration.ofMillis(GRACE));
        String where = "seed " + seed + ", " + windows;
        List<Map<Windowed<String>, Long>> result = run(events,
            grouped -> grouped.windowedBy(windows).aggregate(() -> 0L, (key, amount, sum) -> sum + amount,
                (key, one, two) -> one + two, Materialized.with(Serdes.String(), Serdes.Long())),
            WindowedSerdes.sessionWindowedSerdeFrom(String.class), where);
        Map<Windowed<String>, Long> expected = batchSessions(events, windows.inactivityGap());
        assertEquals(expected, result.get(0), where + ": last update per session");
        assertEquals(expected, result.get(1), where + ": suppressed final results");
    }
}
