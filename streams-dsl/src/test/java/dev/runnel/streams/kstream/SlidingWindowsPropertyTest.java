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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sliding-window sums of in-order and of out-of-order input (within grace) against a batch recompute of the window
 * definition, which does not depend on the order: for each record time r
 * the window ending at r ([0, d] while r &lt; d), and [r + 1, r + 1 + d] when a record lies in (r, r + d + 1]; each
 * window sums the records in it, bounds inclusive. Seeded: replay with {@code -Dtest.seed=<seed>}.
 */
class SlidingWindowsPropertyTest {
    private static final long DIFFERENCE = 6;

    static LongStream seeds() {
        String replay = System.getProperty("test.seed");
        return replay != null ? LongStream.of(Long.parseLong(replay)) : LongStream.range(1, 31);
    }

    private record Event(String key, long amount, long timestamp) {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void inOrderSlidingSumsMatchBatchRecompute(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Event> events = events(random);
        assertEquals(batch(events), slidingSums(events, 3, seed), "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void outOfOrderSlidingSumsWithinGraceMatchBatchRecompute(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Event> events = events(random);
        List<Event> arrival = new ArrayList<>(events);
        // Each record arrives up to 5 places late: out of order by up to about 20 ms, well within the grace.
        for (int i = 0; i < arrival.size(); i++) {
            int j = Math.min(arrival.size() - 1, i + random.nextInt(6));
            Event moved = arrival.get(i);
            arrival.set(i, arrival.get(j));
            arrival.set(j, moved);
        }
        assertEquals(batch(events), slidingSums(arrival, 1_000, seed), "seed " + seed);
    }

    private static List<Event> events(SplittableRandom random) {
        List<Event> events = new ArrayList<>();
        long time = random.nextInt(8);
        for (int i = 0; i < 150; i++) {
            time += random.nextInt(5);
            events.add(new Event("k" + random.nextInt(3), 1 + random.nextInt(9), time));
        }
        return events;
    }

    /** The last sum of each window after the events pass, in {@code arrival} order, through a sliding reduce. */
    private static Map<Windowed<String>, Long> slidingSums(List<Event> arrival, long graceMs, long seed) {
        Serde<Windowed<String>> keySerde = WindowedSerdes.timeWindowedSerdeFrom(String.class, DIFFERENCE);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.Long())).groupByKey()
            .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(DIFFERENCE),
                Duration.ofMillis(graceMs)))
            .reduce(Long::sum).toStream().to("sums", Produced.with(keySerde, Serdes.Long()));
        Map<Windowed<String>, Long> last = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), KGroupedStreamTest.stringDefaults())) {
            TestInputTopic<String, Long> input =
                driver.createInputTopic("events", Serdes.String().serializer(), Serdes.Long().serializer());
            for (Event event : arrival) {
                input.pipeInput(event.key(), event.amount(), event.timestamp());
            }
            TestOutputTopic<Windowed<String>, Long> sums =
                driver.createOutputTopic("sums", keySerde.deserializer(), Serdes.Long().deserializer());
            for (KeyValue<Windowed<String>, Long> update : sums.readKeyValuesToList()) {
                last.put(update.key, update.value);
            }
            assertEquals(0, driver.droppedRecordsTotal(), "seed " + seed);
        }
        return last;
    }

    private static Map<Windowed<String>, Long> batch(List<Event> events) {
        Map<String, TreeSet<Long>> times = new HashMap<>();
        for (Event event : events) {
            times.computeIfAbsent(event.key(), k -> new TreeSet<>()).add(event.timestamp());
        }
        Map<Windowed<String>, Long> sums = new HashMap<>();
        times.forEach((key, recordTimes) -> {
            TreeSet<Long> starts = new TreeSet<>();
            for (long r : recordTimes) {
                starts.add(Math.max(0, r - DIFFERENCE));
                Long next = recordTimes.higher(r);
                if (next != null && next <= r + DIFFERENCE + 1) {
                    starts.add(r + 1);
                }
            }
            for (long start : starts) {
                long sum = 0;
                for (Event event : events) {
                    if (event.key().equals(key) && event.timestamp() >= start
                        && event.timestamp() <= start + DIFFERENCE) {
                        sum += event.amount();
                    }
                }
                sums.put(new Windowed<>(key, new TimeWindow(start, start + DIFFERENCE)), sum);
            }
        });
        return sums;
    }
}
