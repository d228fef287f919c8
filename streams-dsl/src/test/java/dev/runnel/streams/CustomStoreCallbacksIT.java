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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own store, registered with a {@link BatchingStateRestoreCallback} and a
 * {@link dev.runnel.streams.processor.CommitCallback}, in a real application: restoration hands it its changelog in
 * batches, and every commit of its task calls it back.
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

    /** Builds the one {@link MapStore} the test inspects, with a changelog. */
    private static final class MapStoreBuilder implements StoreBuilder<MapStore> {
        final MapStore store = new MapStore();

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
            return store;
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

    @Test
    void shouldRestoreTheChangelogInBatchesAndCallBackAfterCommits() {
        List<KeyValue<String, String>> changelog = new ArrayList<>();
        for (int i = 0; i < RESTORED; i++) {
            changelog.add(KeyValue.pair("k" + i, "v" + i));
        }
        log.produce(CHANGELOG, changelog, Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
        MapStoreBuilder builder = new MapStoreBuilder();
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("writer", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    context().<MapStore>getStateStore(STORE).entries.put(record.key(), record.value());
                }
            }, "source")
            .addStateStore(builder, "writer");

        try (KafkaStreams streams = new KafkaStreams(topology, log.streamsProps(APP))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            MapStore store = builder.store;
            assertEquals(RESTORED, store.restoredBatchSizes.stream().mapToInt(Integer::intValue).sum());
            assertTrue(store.restoredBatchSizes.size() < RESTORED, "restored in batches: " + store.restoredBatchSizes);
            assertEquals("v" + (RESTORED - 1), store.entries.get("k" + (RESTORED - 1)));

            log.produce("input", List.of(KeyValue.pair("new", "value")), Serdes.String().serializer(),
                Serdes.String().serializer(), 1_000L);
            int commitsBefore = store.commits.get();
            EmbeddedLogFixture.await(() -> store.entries.containsKey("new") && store.commits.get() > commitsBefore,
                Duration.ofSeconds(15), "the new record to be processed and its task committed");
        }
    }
}
