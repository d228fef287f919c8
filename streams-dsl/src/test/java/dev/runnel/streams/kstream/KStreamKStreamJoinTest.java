package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TopologyDescription;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.Topology;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KStreamKStreamJoinTest {
    private static final JoinWindows WINDOWS =
        JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(5));

    private enum Kind { INNER, LEFT, OUTER }

    private static JoinFixture fixture(Kind kind) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left");
        KStream<String, String> right = builder.stream("right");
        ValueJoiner<String, String, String> joiner = (l, r) -> l + "+" + r;
        KStream<String, String> joined = switch (kind) {
            case INNER -> left.join(right, joiner, WINDOWS);
            case LEFT -> left.leftJoin(right, joiner, WINDOWS);
            case OUTER -> left.outerJoin(right, joiner, WINDOWS);
        };
        joined.to("out");
        return new JoinFixture(builder.build());
    }

    @Test
    void innerJoinMatchesWithinWindowIncludingOutOfOrderAndDropsLateRecords() {
        try (JoinFixture f = fixture(Kind.INNER)) {
            TestInputTopic<String, String> left = f.input("left");
            TestInputTopic<String, String> right = f.input("right");
            left.pipeInput("A", "a1", 100);
            assertEquals(List.of(), f.read("out"));
            right.pipeInput("A", "b1", 105);
            assertEquals(List.of("A:a1+b1@105"), f.read("out"));
            right.pipeInput("A", "b2", 95); // out of order, inside the window of a1
            assertEquals(List.of("A:a1+b2@100"), f.read("out"));
            left.pipeInput("A", "a2", 112); // window [102, 122]: b1 only
            assertEquals(List.of("A:a2+b1@112"), f.read("out"));
            right.pipeInput("B", "x", 130); // stream time 130
            left.pipeInput("A", "a3", 110); // 110 + 10 + 5 < 130: late, dropped and counted
            assertEquals(List.of(), f.read("out"));
            assertEquals(1.0, f.droppedRecords());
            right.pipeInput("A", "b3", 130);
            left.pipeInput("A", "a4", 121); // 121 + 15 >= 130: accepted, window [111, 131]
            assertEquals(List.of("A:a4+b3@130"), f.read("out"));
        }
    }

    @Test
    void leftJoinEmitsUnmatchedRecordsOnlyAfterTheWindowCloses() {
        try (JoinFixture f = fixture(Kind.LEFT)) {
            TestInputTopic<String, String> left = f.input("left");
            TestInputTopic<String, String> right = f.input("right");
            left.pipeInput("A", "a1", 100);
            left.pipeInput("B", "x1", 101);
            assertEquals(List.of(), f.read("out"));
            right.pipeInput("A", "b1", 108);
            assertEquals(List.of("A:a1+b1@108"), f.read("out")); // no spurious A:a1+null before it
            right.pipeInput("C", "c1", 116); // x1 closes at 101 + 10 + 5 = 116: not yet past
            assertEquals(List.of(), f.read("out"));
            right.pipeInput("C", "c2", 117);
            assertEquals(List.of("B:x1+null@101"), f.read("out"));
            left.pipeInput("A", "a5", 100); // late
            right.pipeInput("A", "b9", 200);
            assertEquals(List.of(), f.read("out"));
        }
    }

    @Test
    void outerJoinEmitsUnmatchedRecordsOfBothSidesAfterTheirWindowsClose() {
        try (JoinFixture f = fixture(Kind.OUTER)) {
            TestInputTopic<String, String> left = f.input("left");
            TestInputTopic<String, String> right = f.input("right");
            left.pipeInput("A", "a1", 100);
            right.pipeInput("B", "b1", 100);
            assertEquals(List.of(), f.read("out"));
            right.pipeInput("A", "b2", 105);
            assertEquals(List.of("A:a1+b2@105"), f.read("out"));
            left.pipeInput("C", "c1", 130);
            assertEquals(List.of("B:null+b1@100"), f.read("out"));
            right.pipeInput("D", "d1", 200);
            assertEquals(List.of("C:c1+null@130"), f.read("out"));
        }
    }

    @Test
    void outerJoinEmitsEveryUnmatchedRecordEvenOfTheSameKeyAndTimestamp() {
        try (JoinFixture f = fixture(Kind.OUTER)) {
            TestInputTopic<String, String> left = f.input("left");
            TestInputTopic<String, String> right = f.input("right");
            left.pipeInput("A", "a1", 100);
            left.pipeInput("A", "a2", 100);
            right.pipeInput("B", "b1", 100);
            right.pipeInput("B", "b2", 100);
            left.pipeInput("C", "c1", 200);
            // The buffer is ordered by time, then side (right before left, as Kafka Streams orders it), then key.
            assertEquals(List.of("B:null+b1@100", "B:null+b2@100", "A:a1+null@100", "A:a2+null@100"),
                f.read("out"));
            left.pipeInput("D", "d1", 200);
            left.pipeInput("D", "d2", 200);
            right.pipeInput("D", "e1", 205); // matches both: neither is emitted unmatched later
            assertEquals(List.of("D:d1+e1@205", "D:d2+e1@205"), f.read("out"));
            right.pipeInput("X", "x", 300);
            assertEquals(List.of("C:c1+null@200"), f.read("out"));
        }
    }

    /**
     * Windows made by the deprecated JoinWindows.of keep the joins of before KIP-633, as in Kafka Streams: a left or
     * outer join emits a record without a match joined with null as soon as it arrives, and a later match follows it.
     */
    @Test
    @SuppressWarnings("deprecation")
    void legacyWindowsEmitUnmatchedRecordsEagerly() {
        JoinWindows legacy = JoinWindows.of(Duration.ofMillis(10));
        for (Kind kind : List.of(Kind.LEFT, Kind.OUTER)) {
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, String> left = builder.stream("left");
            KStream<String, String> right = builder.stream("right");
            ValueJoiner<String, String, String> joiner = (l, r) -> l + "+" + r;
            (kind == Kind.LEFT ? left.leftJoin(right, joiner, legacy) : left.outerJoin(right, joiner, legacy))
                .to("out");
            try (JoinFixture f = new JoinFixture(builder.build())) {
                f.input("left").pipeInput("A", "a1", 100);
                assertEquals(List.of("A:a1+null@100"), f.read("out"), kind.name()); // nothing to match yet
                f.input("right").pipeInput("B", "b1", 100);
                // Only an outer join keeps the right side's unmatched records.
                assertEquals(kind == Kind.LEFT ? List.of() : List.of("B:null+b1@100"), f.read("out"), kind.name());
                f.input("right").pipeInput("A", "b2", 105);
                assertEquals(List.of("A:a1+b2@105"), f.read("out"), kind.name()); // after a1's spurious result
                f.input("right").pipeInput("Z", "z", 1000); // far past every window: nothing was held back
                assertEquals(kind == Kind.LEFT ? List.of() : List.of("Z:null+z@1000"), f.read("out"), kind.name());
            }
        }
    }

    /** With legacy windows an outer join holds nothing back, so it has no outer-join store (nor its changelog). */
    @Test
    @SuppressWarnings("deprecation")
    void legacyWindowsCreateNoOuterJoinStore() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left");
        left.outerJoin(builder.<String, String>stream("right"), (l, r) -> l + r, JoinWindows.of(Duration.ofMillis(10)))
            .to("out");
        Set<String> windowStores = Set.of("KSTREAM-OUTERTHIS-0000000004-store", "KSTREAM-OUTEROTHER-0000000005-store");
        Topology topology = builder.build();
        Set<String> described = new TreeSet<>();
        topology.describe().subtopologies().iterator().next().nodes().stream()
            .filter(TopologyDescription.Processor.class::isInstance)
            .forEach(node -> described.addAll(((TopologyDescription.Processor) node).stores()));
        assertEquals(windowStores, described);
        try (JoinFixture f = new JoinFixture(topology)) {
            assertEquals(windowStores, f.driver.getAllStateStores().keySet());
        }
    }

    @Test
    void leftJoinEmitsAnUnmatchedRecordAtOnceIfItsWindowHasAlreadyEnded() {
        try (JoinFixture f = fixture(Kind.LEFT)) {
            f.input("right").pipeInput("X", "x", 130);
            // Window [105, 125] ends before stream time 130 (grace aside): joined with null at once, not buffered.
            f.input("left").pipeInput("A", "a1", 115);
            assertEquals(List.of("A:a1+null@115"), f.read("out"));
            f.input("right").pipeInput("A", "b1", 120); // a1 was not kept for a later match: the match alone
            assertEquals(List.of("A:a1+b1@120"), f.read("out"));
        }
    }

    @Test
    void recordsWithANullKeyOrValueAdvanceStreamTimeButEmitNothingBuffered() {
        try (JoinFixture f = fixture(Kind.LEFT)) {
            TestInputTopic<String, String> left = f.input("left");
            left.pipeInput("A", "a1", 100);
            f.input("right").pipeInput("A", null, 200); // dropped, but stream time is now 200
            assertEquals(List.of(), f.read("out"));
            assertEquals(1.0, f.droppedRecords());
            // Not the newest record, so no scan of the buffer; its own window [178, 198] has ended (grace has not):
            // emitted at once.
            left.pipeInput("C", "c1", 188);
            assertEquals(List.of("C:c1+null@188"), f.read("out"));
            left.pipeInput("D", "d1", 200); // the newest: a1's window and grace (115) have passed
            assertEquals(List.of("A:a1+null@100"), f.read("out"));
        }
    }

    @Test
    void theEmitIntervalThrottlesScansOfTheBufferByWallClockTime() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("left").leftJoin(builder.stream("right"), (l, r) -> l + "+" + r, WINDOWS)
            .to("out");
        Properties props = new Properties();
        props.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX, 1000L);
        try (JoinFixture f = new JoinFixture(builder.build(), props)) {
            f.input("left").pipeInput("A", "a1", 100); // the first record takes the first scan, of an empty buffer
            f.input("right").pipeInput("C", "c1", 200);
            assertEquals(List.of(), f.read("out"), "a1 has closed, but the next scan is due 1000 ms later");
            f.driver.advanceWallClockTime(Duration.ofMillis(1000));
            f.input("right").pipeInput("D", "d1", 201);
            assertEquals(List.of("A:a1+null@100"), f.read("out"));
        }
    }

    @Test
    void leftAndOuterJoinsKeepNullKeyRecordsOfThePreservedSidesAndDropNullValues() {
        for (Kind kind : Kind.values()) {
            try (JoinFixture f = fixture(kind)) {
                TestInputTopic<String, String> left = f.input("left");
                TestInputTopic<String, String> right = f.input("right");
                left.pipeInput(null, "a", 1);
                right.pipeInput(null, "b", 2);
                left.pipeInput("A", null, 3);
                right.pipeInput("A", null, 4);
                List<String> expected = switch (kind) {
                    case INNER -> List.of();
                    case LEFT -> List.of("null:a+null@1");
                    case OUTER -> List.of("null:a+null@1", "null:null+b@2");
                };
                assertEquals(expected, f.read("out"), kind.toString());
                right.pipeInput("Z", "z", 500); // closes every window: nothing else was buffered
                assertEquals(List.of(), f.read("out"), kind.toString());
            }
        }
    }

    @Test
    void streamJoinedNamesStoresAndKeepsThemInWindowStores() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left");
        left.join(builder.<String, String>stream("right"), (l, r) -> l + r, WINDOWS,
            StreamJoined.<String, String, String>as("orders").withName("orders-join")).to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("left").pipeInput("A", "a", 1);
            assertEquals(Set.of("orders-this-join-store", "orders-other-join-store"),
                f.driver.getAllStateStores().keySet());
        }
    }

    /**
     * A join named with StreamJoined.withName(n) names its join nodes as Kafka Streams does: a side that keeps its
     * unmatched records' partners (the other side of a left join, both sides of an outer join) is
     * n-outer-this-join or n-outer-other-join, the others n-this-join and n-other-join.
     */
    @Test
    void namedJoinNamesItsOuterSidesAsKafkaDoes() {
        for (Kind kind : Kind.values()) {
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, String> left = builder.stream("left");
            KStream<String, String> right = builder.stream("right");
            StreamJoined<String, String, String> named = StreamJoined.<String, String, String>as("s").withName("n");
            ValueJoiner<String, String, String> joiner = (l, r) -> l + r;
            switch (kind) {
                case INNER -> left.join(right, joiner, WINDOWS, named);
                case LEFT -> left.leftJoin(right, joiner, WINDOWS, named);
                case OUTER -> left.outerJoin(right, joiner, WINDOWS, named);
            }
            List<String> joinNodes = builder.build().describe().subtopologies().iterator().next().nodes().stream()
                .map(TopologyDescription.Node::name).filter(name -> name.endsWith("-join")).sorted().toList();
            assertEquals(switch (kind) {
                case INNER -> List.of("n-other-join", "n-this-join");
                case LEFT -> List.of("n-outer-other-join", "n-this-join");
                case OUTER -> List.of("n-outer-other-join", "n-outer-this-join");
            }, joinNodes, kind.name());
        }
    }

    /** An in-memory join store supplier that counts the stores it creates. */
    private static final class CountingWindowSupplier implements WindowBytesStoreSupplier {
        private final WindowBytesStoreSupplier inner;
        int stores;

        CountingWindowSupplier(String name, long retentionMs, long windowSizeMs, boolean retainDuplicates) {
            inner = Stores.inMemoryWindowStore(name, Duration.ofMillis(retentionMs), Duration.ofMillis(windowSizeMs),
                retainDuplicates);
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public WindowStore<Bytes, byte[]> get() {
            stores++;
            return inner.get();
        }

        @Override
        public String metricsScope() {
            return inner.metricsScope();
        }

        @Override
        public long segmentIntervalMs() {
            return inner.segmentIntervalMs();
        }

        @Override
        public long windowSize() {
            return inner.windowSize();
        }

        @Override
        public boolean retainDuplicates() {
            return inner.retainDuplicates();
        }

        @Override
        public long retentionPeriod() {
            return inner.retentionPeriod();
        }
    }

    /** A supplier that fits {@link #WINDOWS}: window size 10 + 10, retention size + grace 5, duplicates kept. */
    private static CountingWindowSupplier joinStore(String name) {
        return new CountingWindowSupplier(name, 25, 20, true);
    }

    @Test
    void storeSuppliersBuildBothWindowStoresOfTheJoin() {
        StreamsBuilder builder = new StreamsBuilder();
        CountingWindowSupplier thisStore = joinStore("left-store");
        CountingWindowSupplier otherStore = joinStore("right-store");
        builder.<String, String>stream("left").join(builder.<String, String>stream("right"), (l, r) -> l + "+" + r,
            WINDOWS, StreamJoined.<String, String, String>with(thisStore, otherStore)).to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("left").pipeInput("A", "a", 100);
            f.input("right").pipeInput("A", "b", 105);
            assertEquals(List.of("A:a+b@105"), f.read("out"));
            assertEquals(Set.of("left-store", "right-store"), f.driver.getAllStateStores().keySet());
            assertEquals(List.of(1, 1), List.of(thisStore.stores, otherStore.stores));
            try (WindowStoreIterator<String> left = f.driver.<String, String>getWindowStore("left-store")
                .fetch("A", 0, 200)) {
                assertEquals(KeyValue.pair(100L, "a"), left.next());
            }
        }
    }

    @Test
    void aSingleStoreSupplierNamesItsSideAndTheStoreNameNamesTheOther() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("left").join(builder.<String, String>stream("right"), (l, r) -> l + r, WINDOWS,
            StreamJoined.<String, String, String>as("orders").withOtherStoreSupplier(joinStore("right-store")))
            .to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            assertEquals(Set.of("orders-this-join-store", "right-store"), f.driver.getAllStateStores().keySet());
        }
    }

    @Test
    void storeSuppliersMustKeepDuplicatesMatchTheWindowsAndHaveDifferentNames() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left");
        KStream<String, String> right = builder.stream("right");
        Function<StreamJoined<String, String, String>, StreamsException> join = joined -> assertThrows(
            StreamsException.class, () -> left.join(right, (l, r) -> l + r, WINDOWS, joined));
        assertEquals("The StoreSupplier must set retainDuplicates=true, found retainDuplicates=false",
            join.apply(StreamJoined.<String, String, String>as("x")
                .withThisStoreSupplier(new CountingWindowSupplier("s", 25, 20, false))).getMessage());
        // Kafka Streams' messages, showing the supplier (an in-memory one prints as Kafka's does) and the windows.
        assertEquals("Window settings mismatch. WindowBytesStoreSupplier settings InMemoryWindowBytesStoreSupplier{"
            + "name='s', retentionPeriod=20, windowSize=20, retainDuplicates=true} must match JoinWindows settings"
            + " JoinWindows{beforeMs=10, afterMs=10, graceMs=5} for the window size and retention period",
            join.apply(StreamJoined.<String, String, String>as("x").withOtherStoreSupplier(Stores.inMemoryWindowStore(
                "s", Duration.ofMillis(20), Duration.ofMillis(20), true))).getMessage());
        assertThrows(StreamsException.class, () -> left.join(right, (l, r) -> l + r, WINDOWS,
            StreamJoined.with(joinStore("s"), new CountingWindowSupplier("s", 25, 10, true))));
        assertEquals("Both StoreSuppliers have the same name.  StoreSuppliers must provide unique names",
            join.apply(StreamJoined.with(joinStore("s"), joinStore("s"))).getMessage());
    }

    @Test
    void streamJoinedToStringShowsItsOptions() {
        assertEquals("StreamJoined{keySerde=null, valueSerde=null, otherValueSerde=null, thisStoreSupplier=null,"
            + " otherStoreSupplier=null, name='j', storeName='null', dslStoreSuppliers=null, loggingEnabled=false,"
            + " topicConfig={}}", StreamJoined.as(null).withName("j").withLoggingDisabled().toString());
    }
}
