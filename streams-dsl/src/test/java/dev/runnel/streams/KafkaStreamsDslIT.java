package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.WordCountTopology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KGroupedStream;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.ReadOnlySessionStore;
import dev.runnel.streams.state.ReadOnlyWindowStore;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DSL operations through a real {@link KafkaStreams} on a real log folder, each checked against hand-worked output.
 * Inputs are produced in phases, each processed to the end before the next, so the order of outputs per key is
 * deterministic; outputs are compared per key (order across partitions is not defined).
 */
class KafkaStreamsDslIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private EmbeddedLogFixture log;

    /** A running application and the phases of input it is fed. */
    private final class App implements AutoCloseable {
        final String applicationId;
        final List<String> inputs;
        final KafkaStreams streams;
        private String redirect;

        App(String applicationId, Topology topology, List<String> inputs, Map<String, Object> overrides) {
            this.applicationId = applicationId;
            this.inputs = inputs;
            Properties props = log.streamsProps(applicationId);
            props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
            props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
            props.putAll(overrides);
            this.streams = new KafkaStreams(topology, props);
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
        }

        /** Produces {@code records} to {@code topic} at {@code timestamp} and waits until they are processed. */
        App phase(String named, long timestamp, String... keysAndValues) {
            produce(named, timestamp, keysAndValues);
            log.awaitProcessed(applicationId, inputs, TIMEOUT);
            return this;
        }

        /** Produces {@code records} to {@code topic} at {@code timestamp}. */
        void produce(String named, long timestamp, String... keysAndValues) {
            String topic = redirect != null ? redirect : named;
            log.produceStrings(topic, timestamp, keysAndValues);
        }

        /** Sends every later phase to {@code topic}, whatever topic it names. */
        App on(String topic) {
            this.redirect = topic;
            return this;
        }

        @Override
        public void close() {
            streams.close();
        }
    }

    private void topics(int partitions, String... names) {
        log = log == null ? new EmbeddedLogFixture(root) : log;
        for (String name : names) {
            log.createTopic(name, partitions);
        }
    }

    private Map<String, List<String>> outputPerKey(String topic) {
        return log.readPerKey(topic, Serdes.String().deserializer(), false);
    }

    private Map<String, List<Long>> countsPerKey(String topic) {
        return log.readPerKey(topic, Serdes.Long().deserializer(), false);
    }

    @Test
    void shouldCarryNullKeysThroughTheRepartitionTopicOfALeftJoin() {
        // KIP-962: records re-keyed to null go through the (two-partition) repartition topic and the left join emits
        // them joined with null; the records that keep a key join as usual (here with no user: null too).
        topics(2, "clicks", "users", "enriched");
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("clicks").selectKey((k, v) -> v.startsWith("n") ? null : v)
            .leftJoin(builder.<String, String>table("users"), (click, user) -> click + "+" + user).to("enriched");
        try (App app = new App("null-key-join", builder.build(), List.of("clicks", "users"), Map.of())) {
            app.produce("clicks", 5L, "k1", "n1", "k2", "a", "k3", "n2");
            EmbeddedLogFixture.await(() -> log.readAll("enriched", Serdes.String().deserializer(),
                Serdes.String().deserializer(), false).size() == 3, TIMEOUT, "three joined clicks");
            List<String> joined = log.readAll("enriched", Serdes.String().deserializer(),
                Serdes.String().deserializer(), false).stream().map(r -> r.key() + ":" + r.value()).sorted().toList();
            assertEquals(List.of("a:a+null", "null:n1+null", "null:n2+null"), joined);
        }
    }

    @Test
    void shouldCountWordsWithGroupByAndCountCollapsingUpdatesInTheCache() {
        topics(2, "lines", "counts");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(WordCountTopology::words)
            .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
            .count(Materialized.as("word-counts"))
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        try (App app = new App("wc", builder.build(), List.of("lines"), Map.of())) {
            app.phase("lines", 1_000L, "1", "the quick brown fox", "2", "the lazy dog", "3", "The fox");
            // Cached: each word's outputs increase and end at its count; repeated words may collapse.
            Map<String, List<Long>> counts = countsPerKey("counts");
            Map<String, Long> expected = Map.of("the", 3L, "quick", 1L, "brown", 1L, "fox", 2L, "lazy", 1L,
                "dog", 1L);
            assertEquals(expected.keySet(), counts.keySet());
            for (Map.Entry<String, Long> word : expected.entrySet()) {
                List<Long> values = counts.get(word.getKey());
                assertEquals(word.getValue(), values.get(values.size() - 1), word.getKey());
                for (int i = 1; i < values.size(); i++) {
                    assertTrue(values.get(i) > values.get(i - 1), word.getKey() + ": " + values);
                }
            }
            app.phase("lines", 2_000L, "4", "fox");
            assertEquals(List.of(3L), tail(countsPerKey("counts").get("fox")), "one new output per new input");
            ReadOnlyKeyValueStore<String, Long> store = app.streams.store(StoreQueryParameters.fromNameAndType(
                "word-counts", QueryableStoreTypes.keyValueStore()));
            assertEquals(3L, store.get("the"));
            assertEquals(3L, store.get("fox"));
        }
    }

    private static <T> List<T> tail(List<T> values) {
        return List.of(values.get(values.size() - 1));
    }

    @Test
    void shouldForwardEveryUpdateWithTheCacheOff() {
        topics(1, "words", "counts");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count()
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        try (App app = new App("nocache", builder.build(), List.of("words"),
            Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L))) {
            app.phase("words", 1_000L, "a", "x", "b", "x", "a", "x", "a", "x");
            assertEquals(Map.of("a", List.of(1L, 2L, 3L), "b", List.of(1L)), countsPerKey("counts"));
        }
    }

    /** Windows of 10 s with 5 s grace over one partition; only final counts are emitted. */
    static Topology windowedCountTopology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(5)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("windowed-counts"))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
            .toStream()
            .map((windowed, count) -> KeyValue.pair(windowed.key() + "@" + windowed.window().start(),
                String.valueOf(count)))
            .to(output, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void shouldEmitOnlyFinalWindowedCountsAfterGrace() {
        topics(1, "events", "final-counts");
        try (App app = new App("windowed", windowedCountTopology("events", "final-counts"), List.of("events"),
            Map.of())) {
            app.phase("events", 1_000L, "a", "-", "a", "-")
                .phase("events", 3_000L, "b", "-")
                .phase("events", 11_000L, "a", "-")
                .phase("events", 4_000L, "a", "-"); // late, within grace: window 0 closes at 15 s
            assertEquals(Map.of(), outputPerKey("final-counts"), "nothing is final yet");
            ReadOnlyWindowStore<String, Long> windows = app.streams.store(StoreQueryParameters.fromNameAndType(
                "windowed-counts", QueryableStoreTypes.windowStore()));
            assertEquals(3L, windows.fetch("a", 0L));
            try (WindowStoreIterator<Long> a = windows.fetch("a", Instant.ofEpochMilli(0), Instant.ofEpochMilli(
                20_000))) {
                assertEquals(KeyValue.pair(0L, 3L), a.next());
                assertEquals(KeyValue.pair(10_000L, 1L), a.next());
            }
            ReadOnlyWindowStore<String, ValueAndTimestamp<Long>> timestamped = app.streams.store(
                StoreQueryParameters.fromNameAndType("windowed-counts", QueryableStoreTypes.timestampedWindowStore()));
            assertEquals(ValueAndTimestamp.make(3L, 4_000L), timestamped.fetch("a", 0L));
            app.phase("events", 16_000L, "b", "-") // closes window 0
                .phase("events", 30_000L, "c", "-") // closes window 10 s
                .phase("events", 5_000L, "a", "-"); // too late: dropped
        }
        assertEquals(Map.of("a@0", List.of("3"), "b@0", List.of("1"), "a@10000", List.of("1"),
            "b@10000", List.of("1")), outputPerKey("final-counts"));
    }

    /** Counts per key and 10 s tumbling window, to {@code output} as "key@start". */
    static Topology tumblingCountTopology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
            .count(Materialized.as("tumbling-counts"))
            .toStream()
            .map((windowed, count) -> KeyValue.pair(windowed.key() + "@" + windowed.window().start(), count))
            .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    /** Waits until the application's window store holds {@code count} for {@code key} in the window {@code start}. */
    private static void awaitWindowCount(App app, String key, long start, long count) {
        ReadOnlyWindowStore<String, Long> windows = app.streams.store(StoreQueryParameters.fromNameAndType(
            "tumbling-counts", QueryableStoreTypes.windowStore()));
        // A point query reads the record cache, so it sees updates that are not written down yet.
        EmbeddedLogFixture.await(() -> Long.valueOf(count).equals(windows.fetch(key, start)), TIMEOUT,
            key + "@" + start + " to count " + count);
    }

    @Test
    void shouldCollapseWindowedCountUpdatesPerCommitAndEndAsWithoutTheCache() {
        topics(1, "clicks", "click-counts", "clicks-uncached", "click-counts-uncached");
        // A commit interval no run reaches: each run commits once, when it closes, so its updates collapse into it.
        Map<String, Object> commitOnClose = Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 3_600_000L);
        try (App app = new App("cached-counts", tumblingCountTopology("clicks", "click-counts"), List.of("clicks"),
            commitOnClose)) {
            app.produce("clicks", 1_000L, "a", "-", "a", "-", "a", "-", "a", "-");
            app.produce("clicks", 2_000L, "b", "-", "b", "-");
            app.produce("clicks", 11_000L, "a", "-", "a", "-", "a", "-");
            awaitWindowCount(app, "a", 10_000L, 3L);
            assertEquals(Map.of(), countsPerKey("click-counts"), "nothing is forwarded before the commit");
        }
        try (App app = new App("cached-counts", tumblingCountTopology("clicks", "click-counts"), List.of("clicks"),
            commitOnClose)) {
            app.produce("clicks", 12_000L, "a", "-", "a", "-", "c", "-");
            awaitWindowCount(app, "c", 10_000L, 1L);
        }
        Map<String, List<Long>> cached = countsPerKey("click-counts");
        assertEquals(Map.of("a@0", List.of(4L), "b@0", List.of(2L), "a@10000", List.of(3L, 5L),
            "c@10000", List.of(1L)), cached, "one record per window and commit, with its latest count");

        try (App app = new App("uncached-counts", tumblingCountTopology("clicks-uncached", "click-counts-uncached"),
            List.of("clicks-uncached"), Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L))) {
            app.phase("clicks-uncached", 1_000L, "a", "-", "a", "-", "a", "-", "a", "-")
                .phase("clicks-uncached", 2_000L, "b", "-", "b", "-")
                .phase("clicks-uncached", 11_000L, "a", "-", "a", "-", "a", "-")
                .phase("clicks-uncached", 12_000L, "a", "-", "a", "-", "c", "-");
        }
        Map<String, List<Long>> uncached = countsPerKey("click-counts-uncached");
        assertEquals(Map.of("a@0", List.of(1L, 2L, 3L, 4L), "b@0", List.of(1L, 2L), "a@10000",
            List.of(1L, 2L, 3L, 4L, 5L), "c@10000", List.of(1L)), uncached, "every update without a cache");
        Map<String, Long> lastCached = new TreeMap<>();
        cached.forEach((window, counts) -> lastCached.put(window, counts.get(counts.size() - 1)));
        Map<String, Long> lastUncached = new TreeMap<>();
        uncached.forEach((window, counts) -> lastUncached.put(window, counts.get(counts.size() - 1)));
        assertEquals(lastUncached, lastCached, "the same final counts");
    }

    private static void firstHalf(App app) {
        app.phase("events", 1_000L, "a", "-", "a", "-")
            .phase("events", 3_000L, "b", "-")
            .phase("events", 11_000L, "a", "-")
            .phase("events", 4_000L, "a", "-");
    }

    private static void secondHalf(App app) {
        app.phase("events", 16_000L, "b", "-")
            .phase("events", 30_000L, "c", "-")
            .phase("events", 5_000L, "a", "-");
    }

    private List<String> ordered(String topic) {
        List<String> ordered = new ArrayList<>();
        for (ConsumerRecord<String, String> record : log.readAll(topic, Serdes.String().deserializer(),
            Serdes.String().deserializer(), false)) {
            ordered.add(record.key() + "=" + record.value());
        }
        return ordered;
    }

    @Test
    void shouldScanCachedUpdatesNotYetWrittenDownInInteractiveQueries() {
        topics(1, "profiles");
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("profiles", Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("profiles-store"));
        // No commit in a run: its updates stay in the record cache until it closes.
        Map<String, Object> commitOnClose = Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 3_600_000L);
        try (App app = new App("cached-scans", builder.build(), List.of("profiles"), commitOnClose)) {
            app.produce("profiles", 1_000L, "a", "1", "b", "1");
            ReadOnlyKeyValueStore<String, String> store = awaitProfile(app, "b", "1");
            assertEquals(List.of("a=1", "b=1"), scan(store.all()), "cached entries, none written down yet");
        }
        try (App app = new App("cached-scans", builder.build(), List.of("profiles"), commitOnClose)) {
            app.produce("profiles", 2_000L, "a", null, "b", "2", "c", "3");
            ReadOnlyKeyValueStore<String, String> store = awaitProfile(app, "c", "3");
            assertNull(store.get("a"));
            assertEquals(List.of("b=2", "c=3"), scan(store.all()), "a cached deletion hides the written-down a");
            assertEquals(List.of("c=3", "b=2"), scan(store.reverseAll()));
            assertEquals(List.of("b=2"), scan(store.range("a", "b")));
            assertEquals(List.of("c=3", "b=2"), scan(store.reverseRange("b", "c")));
            assertEquals(List.of("c=3"), scan(store.prefixScan("c", Serdes.String().serializer())));
        }
    }

    @Test
    void shouldFetchCachedWindowsAndSessionsNotYetWrittenDownInInteractiveQueries() {
        topics(1, "clicks", "click-counts");
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> clicks = builder.stream("clicks", Consumed.with(Serdes.String(),
            Serdes.String())).groupByKey();
        clicks.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
            .count(Materialized.as("tumbling-counts"));
        clicks.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofSeconds(5)))
            .count(Materialized.<String, Long, SessionStore<Bytes, byte[]>>as("click-sessions")
                .withRetention(Duration.ofMinutes(1)));
        Map<String, Object> commitOnClose = Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 3_600_000L);
        try (App app = new App("cached-windows", builder.build(), List.of("clicks"), commitOnClose)) {
            app.produce("clicks", 1_000L, "a", "-", "a", "-", "b", "-");
            app.produce("clicks", 12_000L, "a", "-");
            awaitWindowCount(app, "a", 10_000L, 1L);
            ReadOnlyWindowStore<String, Long> windows = app.streams.store(StoreQueryParameters.fromNameAndType(
                "tumbling-counts", QueryableStoreTypes.windowStore()));
            List<String> a = new ArrayList<>();
            try (WindowStoreIterator<Long> iterator = windows.fetch("a", Instant.ofEpochMilli(0L),
                Instant.ofEpochMilli(20_000L))) {
                iterator.forEachRemaining(window -> a.add(window.key + "=" + window.value));
            }
            assertEquals(List.of("0=2", "10000=1"), a, "both windows, from the cache");
            List<String> aBackward = new ArrayList<>();
            try (WindowStoreIterator<Long> iterator = windows.backwardFetch("a", Instant.ofEpochMilli(0L),
                Instant.ofEpochMilli(20_000L))) {
                iterator.forEachRemaining(window -> aBackward.add(window.key + "=" + window.value));
            }
            assertEquals(List.of("10000=1", "0=2"), aBackward);
            List<String> all = new ArrayList<>();
            try (var iterator = windows.fetchAll(Instant.ofEpochMilli(0L), Instant.ofEpochMilli(20_000L))) {
                iterator.forEachRemaining(kv -> all.add(kv.key.key() + "@" + kv.key.window().start() + "=" + kv.value));
            }
            assertEquals(List.of("a@0=2", "b@0=1", "a@10000=1"), all, "across keys: by window start, then key");

            ReadOnlySessionStore<String, Long> sessions = app.streams.store(StoreQueryParameters.fromNameAndType(
                "click-sessions", QueryableStoreTypes.sessionStore()));
            List<String> sessionsOfA = new ArrayList<>();
            try (var iterator = sessions.fetch("a")) {
                iterator.forEachRemaining(kv -> sessionsOfA.add(kv.key.window().start() + "-"
                    + kv.key.window().end() + "=" + kv.value));
            }
            assertEquals(List.of("1000-1000=2", "12000-12000=1"), sessionsOfA);
            List<String> sessionsOfAToB = new ArrayList<>();
            try (var iterator = sessions.fetch("a", "b")) {
                iterator.forEachRemaining(kv -> sessionsOfAToB.add(kv.key.key() + ":" + kv.key.window().start() + "-"
                    + kv.key.window().end() + "=" + kv.value));
            }
            assertEquals(List.of("a:1000-1000=2", "b:1000-1000=1", "a:12000-12000=1"), sessionsOfAToB,
                "across keys: by end, then key");
        }
    }

    private static ReadOnlyKeyValueStore<String, String> awaitProfile(App app, String key, String value) {
        ReadOnlyKeyValueStore<String, String> store = app.streams.store(StoreQueryParameters.fromNameAndType(
            "profiles-store", QueryableStoreTypes.keyValueStore()));
        EmbeddedLogFixture.await(() -> value.equals(store.get(key)), TIMEOUT, key + " to be " + value);
        return store;
    }

    private static List<String> scan(KeyValueIterator<String, String> iterator) {
        List<String> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> entries.add(entry.key + "=" + entry.value));
        }
        return entries;
    }

    @Test
    void shouldResumeAWindowedSuppressedCountFromChangelogsAfterARestart() {
        topics(1, "events", "final-counts", "events-2", "final-counts-2");
        try (App app = new App("windowed-restart", windowedCountTopology("events", "final-counts"),
            List.of("events"), Map.of())) {
            firstHalf(app);
        }
        // Wipe local state: the counts and the suppression buffer come back from their changelogs.
        EmbeddedLogFixture.deleteLocalState(windowedCountTopology("events", "final-counts"),
            log.streamsProps("windowed-restart"));
        try (App app = new App("windowed-restart", windowedCountTopology("events", "final-counts"),
            List.of("events"), Map.of())) {
            secondHalf(app);
        }
        try (App app = new App("windowed-uninterrupted", windowedCountTopology("events-2", "final-counts-2"),
            List.of("events-2"), Map.of())) {
            firstHalf(app.on("events-2"));
            secondHalf(app);
        }
        List<String> uninterrupted = ordered("final-counts-2");
        assertEquals(4, uninterrupted.size(), uninterrupted.toString());
        assertEquals(uninterrupted, ordered("final-counts"));
    }

    @Test
    void shouldJoinStreamsWithinTheJoinWindow() {
        topics(2, "clicks", "views", "joined");
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> clicks = builder.stream("clicks");
        KStream<String, String> views = builder.stream("views");
        clicks.join(views, (click, view) -> click + "+" + view, JoinWindows.ofTimeDifferenceWithNoGrace(
                Duration.ofSeconds(5)), StreamJoined.with(Serdes.String(), Serdes.String(), Serdes.String()))
            .to("joined");
        try (App app = new App("ssjoin", builder.build(), List.of("clicks", "views"), Map.of())) {
            app.phase("clicks", 1_000L, "A", "a1", "B", "b1")
                .phase("views", 2_000L, "A", "x", "C", "z")
                .phase("clicks", 3_000L, "A", "a2")
                .phase("views", 9_000L, "B", "y"); // 8 s after b1: outside the window
        }
        assertEquals(Map.of("A", List.of("a1+x", "a2+x")), outputPerKey("joined"));
    }

    @Test
    void shouldJoinStreamWithTableAsOfProcessing() {
        topics(2, "users", "clicks", "enriched");
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table("users");
        builder.<String, String>stream("clicks")
            .leftJoin(users, (click, region) -> click + "@" + region)
            .to("enriched");
        try (App app = new App("stjoin", builder.build(), List.of("users", "clicks"), Map.of())) {
            app.phase("users", 1_000L, "A", "eu", "B", "us")
                .phase("clicks", 2_000L, "A", "c1", "B", "c2", "C", "c3")
                .phase("users", 3_000L, "A", "asia")
                .phase("clicks", 4_000L, "A", "c4");
        }
        assertEquals(Map.of("A", List.of("c1@eu", "c4@asia"), "B", List.of("c2@us"), "C", List.of("c3@null")),
            outputPerKey("enriched"));
    }

    @Test
    void shouldJoinTablesAndForwardDeletes() {
        topics(2, "left", "right", "joined");
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> left = builder.table("left");
        KTable<String, String> right = builder.table("right");
        left.join(right, (l, r) -> l + r).toStream().to("joined");
        try (App app = new App("ttjoin", builder.build(), List.of("left", "right"), Map.of())) {
            app.phase("left", 1_000L, "A", "1", "B", "1")
                .phase("right", 2_000L, "A", "x")
                .phase("left", 3_000L, "A", "2")
                .phase("right", 4_000L, "A", null);
        }
        List<String> deleted = new ArrayList<>();
        deleted.add("1x");
        deleted.add("2x");
        deleted.add(null);
        assertEquals(Map.of("A", deleted), outputPerKey("joined"));
    }

    @Test
    void shouldJoinTablesOnAForeignKey() {
        topics(2, "orders", "products", "order-details");
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> orders = builder.table("orders");
        KTable<String, String> products = builder.table("products");
        orders.join(products, order -> order.split(":")[0], (order, product) -> order + "/" + product)
            .toStream().to("order-details");
        try (App app = new App("fkjoin", builder.build(), List.of("orders", "products"), Map.of())) {
            app.phase("products", 1_000L, "P1", "apple", "P2", "pear")
                .phase("orders", 2_000L, "O1", "P1:1", "O2", "P2:5", "O3", "P9:1")
                .phase("products", 3_000L, "P1", "green apple")
                .phase("orders", 4_000L, "O2", "P1:7");
        }
        assertEquals(Map.of("O1", List.of("P1:1/apple", "P1:1/green apple"),
            "O2", List.of("P2:5/pear", "P1:7/green apple")), outputPerKey("order-details"));
    }

    @Test
    void shouldJoinTablesOnAForeignKeyDerivedFromKeyAndValue() {
        topics(2, "accounts", "rates", "account-rates");
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> accounts = builder.table("accounts"); // key "region/user", value tier
        KTable<String, String> rates = builder.table("rates"); // key "region-tier"
        accounts.leftJoin(rates, (account, tier) -> account.split("/")[0] + "-" + tier,
                (tier, rate) -> tier + "/" + rate)
            .toStream().to("account-rates");
        try (App app = new App("fkjoin-key", builder.build(), List.of("accounts", "rates"), Map.of())) {
            app.phase("rates", 1_000L, "eu-gold", "10%", "us-gold", "5%")
                .phase("accounts", 2_000L, "eu/alice", "gold", "us/bob", "gold", "us/cy", "basic")
                .phase("rates", 3_000L, "us-gold", "6%", "us-basic", "1%")
                .phase("accounts", 4_000L, "us/bob", "basic", "eu/alice", null);
        }
        assertEquals(Map.of("eu/alice", Arrays.asList("gold/10%", null),
            "us/bob", List.of("gold/5%", "gold/6%", "basic/1%"),
            "us/cy", List.of("basic/null", "basic/1%")), outputPerKey("account-rates"));
    }

    @Test
    void shouldCogroupStreamsIntoOneAggregate() {
        topics(2, "clicks", "buys", "totals");
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> clicks = builder.<String, String>stream("clicks").groupByKey();
        KGroupedStream<String, String> buys = builder.<String, String>stream("buys").groupByKey();
        clicks.<Long>cogroup((key, value, total) -> total + 1)
            .cogroup(buys, (key, value, total) -> total + 10)
            .aggregate(() -> 0L, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("totals")
                .withValueSerde(Serdes.Long()))
            .toStream()
            .to("totals", Produced.with(Serdes.String(), Serdes.Long()));
        try (App app = new App("cogroup", builder.build(), List.of("clicks", "buys"),
            Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L))) {
            app.phase("clicks", 1_000L, "A", "c", "A", "c", "B", "c")
                .phase("buys", 2_000L, "A", "b")
                .phase("clicks", 3_000L, "B", "c");
            ReadOnlyKeyValueStore<String, Long> store = app.streams.store(StoreQueryParameters.fromNameAndType(
                "totals", QueryableStoreTypes.keyValueStore()));
            assertEquals(12L, store.get("A"));
            assertNull(store.get("Z"));
        }
        assertEquals(Map.of("A", List.of(1L, 2L, 12L), "B", List.of(1L, 2L)), countsPerKey("totals"));
    }

    @Test
    void shouldServeSessionWindowedCountsToQueriesAcrossPartitions() {
        topics(2, "visits");
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("visits")
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofSeconds(5)))
            .count(Materialized.<String, Long, SessionStore<Bytes, byte[]>>as("sessions")
                .withRetention(Duration.ofMinutes(1))); // the default, gap + grace, would expire A's first session
        try (App app = new App("sessions", builder.build(), List.of("visits"), Map.of())) {
            app.phase("visits", 1_000L, "A", "-", "B", "-")
                .phase("visits", 4_000L, "A", "-")
                .phase("visits", 20_000L, "A", "-", "C", "-");
            ReadOnlySessionStore<String, Long> sessions = app.streams.store(StoreQueryParameters.fromNameAndType(
                "sessions", QueryableStoreTypes.sessionStore()));
            List<String> a = new ArrayList<>();
            try (var iterator = sessions.fetch("A")) {
                iterator.forEachRemaining(kv -> a.add(kv.key.window().start() + "-" + kv.key.window().end() + "="
                    + kv.value));
            }
            assertEquals(List.of("1000-4000=2", "20000-20000=1"), a);
            assertEquals(1L, sessions.fetchSession("B", 1_000L, 1_000L));
            assertEquals(1L, sessions.fetchSession("C", 20_000L, 20_000L));
            assertNull(sessions.fetchSession("B", 0L, 1_000L));
        }
    }

    @Test
    void shouldFeedAnAggregationThroughARepartitionTopic() {
        topics(2, "purchases", "per-user");
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("purchases")
            .selectKey((id, user) -> user)
            .groupByKey()
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("per-user").withCachingDisabled())
            .toStream()
            .to("per-user", Produced.with(Serdes.String(), Serdes.Long()));
        try (App app = new App("repartition", builder.build(), List.of("purchases"), Map.of())) {
            app.phase("purchases", 1_000L, "p1", "ann", "p2", "bob", "p3", "ann", "p4", "cid", "p5", "ann");
        }
        assertEquals(Map.of("ann", List.of(1L, 2L, 3L), "bob", List.of(1L), "cid", List.of(1L)),
            countsPerKey("per-user"));
    }
}
