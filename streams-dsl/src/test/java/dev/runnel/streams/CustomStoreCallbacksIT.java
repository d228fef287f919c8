package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.processor.BatchingStateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.StoreBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own store, registered with a {@link BatchingStateRestoreCallback} and a
 * {@link dev.runnel.streams.processor.CommitCallback}, in a real application: restoration, and a standby's updates,
 * hand it its changelog in batches, and every commit of its task calls it back.
 */
class CustomStoreCallbacksIT {
    private static final String APP = "customstore";
    private static final String STORE = "custom";
    private static final String CHANGELOG = APP + "-" + STORE + "-changelog";
    private static final int RESTORED = 200;

    @TempDir
    Path root;

    private EmbeddedLogFixture log;

    @BeforeEach
    void createLog() {
        log = new EmbeddedLogFixture(root);
        log.createTopic("input", 1);
        log.createTopic(CHANGELOG, 1);
    }

    /** A map store that records the batches it was restored with and counts the commits it was told of. */
    private static final class MapStore implements StateStore {
        final Map<String, String> entries = new ConcurrentHashMap<>();
        final List<Integer> restoredBatchSizes = new CopyOnWriteArrayList<>();
        final AtomicInteger commits = new AtomicInteger();
        private volatile boolean open;

        @Override
        public String name() {
            return STORE;
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            BatchingStateRestoreCallback restore = records -> restoreAll(records);
            context.register(root, restore, commits::incrementAndGet);
            open = true;
        }

        private void restoreAll(Collection<KeyValue<byte[], byte[]>> records) {
            restoredBatchSizes.add(records.size());
            for (KeyValue<byte[], byte[]> record : records) {
                entries.put(new String(record.key, StandardCharsets.UTF_8),
                    new String(record.value, StandardCharsets.UTF_8));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    /** Builds {@link MapStore}s with a changelog, and keeps them for the test to inspect. */
    private static final class MapStoreBuilder implements StoreBuilder<MapStore> {
        final List<MapStore> built = new CopyOnWriteArrayList<>();

        @Override
        public StoreBuilder<MapStore> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<MapStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<MapStore> withLoggingEnabled(Map<String, String> config) {
            return this;
        }

        @Override
        public StoreBuilder<MapStore> withLoggingDisabled() {
            throw new UnsupportedOperationException("the test needs the changelog");
        }

        @Override
        public MapStore build() {
            MapStore store = new MapStore();
            built.add(store);
            return store;
        }

        /** Returns the only store built: that of the one task. */
        MapStore only() {
            assertEquals(1, built.size(), "stores built");
            return built.get(0);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return true;
        }

        @Override
        public String name() {
            return STORE;
        }
    }

    private void produceChangelog() {
        List<KeyValue<String, String>> changelog = new ArrayList<>();
        for (int i = 0; i < RESTORED; i++) {
            changelog.add(KeyValue.pair("k" + i, "v" + i));
        }
        log.produce(CHANGELOG, changelog, Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
    }

    /** Writes each input record into the store (not to its changelog: the test writes that). */
    private static Topology topology(MapStoreBuilder builder) {
        return new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("writer", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    context().<MapStore>getStateStore(STORE).entries.put(record.key(), record.value());
                }
            }, "source")
            .addStateStore(builder, "writer");
    }

    private static int restoredRecords(MapStore store) {
        return store.restoredBatchSizes.stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void shouldRestoreTheChangelogInBatchesAndCallBackAfterCommits() {
        produceChangelog();
        MapStoreBuilder builder = new MapStoreBuilder();
        try (KafkaStreams streams = new KafkaStreams(topology(builder), log.streamsProps(APP))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            MapStore store = builder.only();
            assertEquals(RESTORED, restoredRecords(store));
            assertTrue(store.restoredBatchSizes.size() < RESTORED, "restored in batches: " + store.restoredBatchSizes);
            assertEquals("v" + (RESTORED - 1), store.entries.get("k" + (RESTORED - 1)));

            log.produce("input", List.of(KeyValue.pair("new", "value")), Serdes.String().serializer(),
                Serdes.String().serializer(), 1_000L);
            int commitsBefore = store.commits.get();
            EmbeddedLogFixture.await(() -> store.entries.containsKey("new") && store.commits.get() > commitsBefore,
                Duration.ofSeconds(15), "the new record to be processed and its task committed");
        }
    }

    @Test
    void shouldUpdateAStandbyInBatches() {
        produceChangelog();
        MapStoreBuilder activeBuilder = new MapStoreBuilder();
        MapStoreBuilder standbyBuilder = new MapStoreBuilder();
        try (KafkaStreams active = new KafkaStreams(topology(activeBuilder), standbyProps("active"));
            KafkaStreams standby = new KafkaStreams(topology(standbyBuilder), standbyProps("standby"))) {
            active.start();
            EmbeddedLogFixture.await(() -> active.state() == KafkaStreams.State.RUNNING
                && active.activeTaskIds().size() == 1, Duration.ofSeconds(30), "the first instance runs the task");
            standby.start();
            EmbeddedLogFixture.await(() -> !standbyBuilder.built.isEmpty()
                && restoredRecords(standbyBuilder.only()) == RESTORED, Duration.ofSeconds(30),
                "the second instance's standby applies the changelog");
            MapStore store = standbyBuilder.only();
            // Hosted as a standby: an active task's store would be restored, in batches, through the other path.
            assertEquals(Set.of(), standby.activeTaskIds(), "the second instance's tasks");
            assertEquals(1, standby.metadataForLocalThreads().stream()
                .mapToInt(thread -> thread.standbyTasks().size()).sum(), "the second instance's standby tasks");
            assertTrue(store.restoredBatchSizes.size() < RESTORED, "updated in batches: " + store.restoredBatchSizes);
            assertEquals("v" + (RESTORED - 1), store.entries.get("k" + (RESTORED - 1)));
        }
    }

    private Properties standbyProps(String stateDir) {
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.STATE_DIR_CONFIG, root.resolve(stateDir).toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        return props;
    }
}
