package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.log.RunnelLog;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.GlobalKTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Global stores checkpoint their state in {@code <state.dir>/<application.id>/global/}: a restart loads the snapshot
 * and reads only the tail of the global topic; a checkpoint that cannot be trusted is ignored and the topic reread.
 * Which records were read is proven with the restore listener, not timing.
 */
class KafkaStreamsGlobalCheckpointIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String APP = "global-ckpt";
    private static final String STORE = "products-store";
    /** The join output after {@link #firstRun} and {@link #updateProducts}, whatever the second run restored. */
    private static final Map<String, List<String>> JOINED = Map.of("O1", List.of("P1/apple"),
        "O2", List.of("P1/green apple"), "O3", List.of("P2/pear"), "O4", List.of("P4/kiwi"));

    @TempDir
    Path root;

    private EmbeddedLogFixture log;
    private Path globalDir;

    @BeforeEach
    void createLog() {
        log = new EmbeddedLogFixture(root);
        log.createTopic("orders", 1);
        log.createTopic("joined", 1);
        globalDir = log.stateDir().resolve(APP).resolve("global");
    }

    /** Records where each global partition's restore started and how many records it restored. */
    private static final class RecordingListener implements StateRestoreListener {
        final Map<TopicPartition, Long> startOffsets = new ConcurrentHashMap<>();
        final AtomicLong batchRecords = new AtomicLong();
        final AtomicLong restored = new AtomicLong();

        @Override
        public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
            assertEquals(STORE, store);
            startOffsets.put(partition, start);
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long count) {
            batchRecords.addAndGet(count);
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            restored.addAndGet(totalRestored);
        }
    }

    /** Orders are keyed by order id with the product id as value; the join emits "productId/product". */
    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> products = builder.globalTable("products",
            Consumed.with(Serdes.String(), Serdes.String()), Materialized.as(STORE));
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()))
            .join(products, (orderId, productId) -> productId, (productId, product) -> productId + "/" + product)
            .to("joined", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private void produce(String topic, String... keysAndValues) {
        log.produceStrings(topic, 1_000L, keysAndValues);
    }

    /** Starts a client, runs {@code whileRunning} and closes the client cleanly; returns its restore listener. */
    private RecordingListener run(Consumer<KafkaStreams> whileRunning) {
        RecordingListener listener = new RecordingListener();
        try (KafkaStreams streams = new KafkaStreams(topology(), log.streamsProps(APP))) {
            streams.setGlobalStateRestoreListener(listener);
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            whileRunning.accept(streams);
        }
        return listener;
    }

    private static ReadOnlyKeyValueStore<String, String> store(KafkaStreams streams) {
        return streams.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
    }

    /** Loads products P1..P3, runs with order O1 and closes cleanly, which checkpoints the global store. */
    private void firstRun() {
        produce("products", "P1", "apple", "P2", "pear", "P3", "plum");
        run(streams -> {
            produce("orders", "O1", "P1");
            log.awaitProcessed(APP, List.of("orders"), TIMEOUT);
        });
        assertTrue(Files.exists(globalDir.resolve(".checkpoint")), "a clean close writes the global checkpoint");
        assertTrue(Files.exists(globalDir.resolve(STORE + ".snapshot")), "and the store's snapshot");
        assertEquals(log.endOffsets("products"), checkpointedOffsets(), "covering the whole topic");
    }

    /** Two records after the checkpoint: P1 changes, P4 is new. */
    private void updateProducts() {
        produce("products", "P1", "green apple", "P4", "kiwi");
    }

    /** Runs with orders for a changed (P1), an unchanged (P2) and a new (P4) product and checks the join. */
    private RecordingListener runWithOrders() {
        RecordingListener listener = run(streams -> {
            produce("orders", "O2", "P1", "O3", "P2", "O4", "P4");
            log.awaitProcessed(APP, List.of("orders"), TIMEOUT);
        });
        assertEquals(JOINED, joinedPerKey(), "the join sees the table's old and new values");
        assertEquals(listener.restored.get(), listener.batchRecords.get(), "every restored record is in a batch");
        return listener;
    }

    private Map<String, List<String>> joinedPerKey() {
        return log.readPerKey("joined", Serdes.String().deserializer(), false);
    }

    /** Parses the global {@code .checkpoint} file (Kafka's OffsetCheckpoint text format). */
    private Map<TopicPartition, Long> checkpointedOffsets() {
        try {
            List<String> lines = Files.readAllLines(globalDir.resolve(".checkpoint"), StandardCharsets.UTF_8);
            Map<TopicPartition, Long> offsets = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
            for (String line : lines.subList(2, 2 + Integer.parseInt(lines.get(1)))) {
                String[] parts = line.split(" ");
                offsets.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
            }
            return offsets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the checkpointed offsets, or an empty map while there is no checkpoint (or it is being replaced). */
    private Map<TopicPartition, Long> checkpointedOffsetsIfAny() {
        try {
            return checkpointedOffsets();
        } catch (UncheckedIOException e) {
            return Map.of();
        }
    }

    private static Map<TopicPartition, Long> zeros(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> zeros = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        offsets.keySet().forEach(tp -> zeros.put(tp, 0L));
        return zeros;
    }

    @Test
    void shouldLoadTheSnapshotAndReadOnlyTheTailAfterARestart() {
        log.createTopic("products", 2);
        firstRun();
        Map<TopicPartition, Long> checkpointed = checkpointedOffsets();
        updateProducts();

        RecordingListener listener = runWithOrders();

        assertEquals(checkpointed, listener.startOffsets, "each partition is read from its checkpointed offset");
        assertEquals(2, listener.restored.get(), "only the two records after the checkpoint are read");
    }

    @Test
    void shouldRereadTheTopicWhenTheSnapshotIsCorrupt() throws IOException {
        log.createTopic("products", 2);
        firstRun();
        Path snapshot = globalDir.resolve(STORE + ".snapshot");
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(snapshot, bytes);
        updateProducts();

        RecordingListener listener = runWithOrders();

        assertEquals(zeros(checkpointedOffsets()), listener.startOffsets, "every partition is reread");
        assertEquals(5, listener.restored.get(), "all five product records are read");
    }

    @Test
    void shouldRereadTheTopicWhenTheCheckpointIsBeyondTheEndOfARecreatedTopic() {
        log.createTopic("products", 2);
        firstRun();
        // Three records in two partitions: one partition's checkpointed offset is at least 2, above its new end.
        log.deleteTopic("products");
        log.createTopic("products", 2);
        produce("products", "P1", "fig");

        RecordingListener listener = run(streams -> {
            ReadOnlyKeyValueStore<String, String> store = store(streams);
            assertEquals("fig", store.get("P1"));
            assertNull(store.get("P2"), "nothing of the old topic is served from the old snapshot");
            assertEquals(1, store.approximateNumEntries());
            assertFalse(Files.exists(globalDir.resolve(STORE + ".snapshot")),
                "the untrusted snapshot is gone, so a dirty stop cannot pair it with the old checkpoint later");
        });

        assertEquals(zeros(log.endOffsets("products")), listener.startOffsets);
        assertEquals(1, listener.restored.get());
    }

    @Test
    void shouldRereadTheTopicWhenRetentionDeletedRecordsAfterTheCheckpoint() {
        // Every record batch gets its own segment, so retention can delete single records.
        log.createTopic("products", 2, Map.of("segment.bytes", "14"));
        firstRun();
        Map<TopicPartition, Long> checkpointed = checkpointedOffsets();
        for (String value : List.of("v1", "v2", "v3")) {
            produce("products", "P1", value);
        }
        try (RunnelLog runnelLog = RunnelLog.open(log.logDir())) {
            // Size-based only: the records' timestamps (1970) would make time-based retention delete them all.
            runnelLog.alterTopicConfig("products", Map.of("retention.bytes", "1", "retention.ms", "-1"), List.of());
            runnelLog.runMaintenance();
        }
        Map<TopicPartition, Long> beginnings = log.beginningOffsets("products");
        assertTrue(beginnings.keySet().stream().anyMatch(tp -> beginnings.get(tp) > checkpointed.get(tp)),
            "retention deleted records after the checkpoint: " + beginnings + " vs " + checkpointed);
        Map<String, String> remaining = new TreeMap<>();
        log.readAll("products", Serdes.String().deserializer(), Serdes.String().deserializer(), false)
            .forEach(record -> remaining.put(record.key(), record.value()));

        RecordingListener listener = run(streams -> assertEquals(remaining, contents(store(streams)),
            "the store holds exactly what the topic still holds"));

        assertEquals("v3", remaining.get("P1"));
        assertEquals(beginnings, listener.startOffsets, "every partition is reread from its log start");
    }

    private static Map<String, String> contents(ReadOnlyKeyValueStore<String, String> store) {
        Map<String, String> contents = new TreeMap<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> contents.put(entry.key, entry.value));
        }
        return contents;
    }

    @Test
    void shouldCheckpointWhileRunningSoADirtyStopResumesFromThePeriodicCheckpoint() throws IOException {
        log.createTopic("products", 2);
        // Enough records that the first flush after the initial load writes a checkpoint (Kafka's 10,000 threshold).
        List<String> filler = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            filler.add("F" + i);
            filler.add("filler");
        }
        produce("products", filler.toArray(new String[0]));
        produce("products", "P1", "apple", "P2", "pear");
        Path crashCopy = root.resolve("global-at-crash");
        run(streams -> {
            EmbeddedLogFixture.await(() -> log.endOffsets("products").equals(checkpointedOffsetsIfAny()), TIMEOUT,
                "a periodic checkpoint");
            // What a crash now would leave on disk.
            copy(globalDir, crashCopy);
            produce("orders", "O1", "P1");
            log.awaitProcessed(APP, List.of("orders"), TIMEOUT);
        });
        Map<TopicPartition, Long> periodic = readOffsetsOf(crashCopy);
        replace(globalDir, crashCopy);
        updateProducts();

        RecordingListener listener = runWithOrders();

        assertEquals(periodic, listener.startOffsets, "the restart resumes at the periodic checkpoint");
        assertEquals(2, listener.restored.get());
    }

    private Map<TopicPartition, Long> readOffsetsOf(Path dir) {
        Path saved = globalDir;
        globalDir = dir;
        try {
            return checkpointedOffsets();
        } finally {
            globalDir = saved;
        }
    }

    @Test
    void shouldDeleteTheGlobalStateOnCleanUp() {
        log.createTopic("products", 2);
        firstRun();
        try (KafkaStreams streams = new KafkaStreams(topology(), log.streamsProps(APP))) {
            streams.cleanUp();
        }
        assertFalse(Files.exists(globalDir), "cleanUp deletes the global state directory");
        updateProducts();

        RecordingListener listener = runWithOrders();

        assertEquals(zeros(log.endOffsets("products")), listener.startOffsets);
        assertEquals(5, listener.restored.get());
    }

    @Test
    void shouldLetOnlyOneClientUseTheGlobalStateDirectory() {
        log.createTopic("products", 2);
        firstRun();
        Map<TopicPartition, Long> checkpointed = checkpointedOffsets();
        RecordingListener second = new RecordingListener();

        RecordingListener first = run(streams -> {
            try (KafkaStreams other = new KafkaStreams(topology(), log.streamsProps(APP))) {
                other.setGlobalStateRestoreListener(second);
                other.start();
                assertEquals("pear", store(other).get("P2"));
            }
        });

        assertEquals(checkpointed, first.startOffsets, "the first client resumes from the checkpoint");
        assertEquals(zeros(checkpointed), second.startOffsets, "the second cannot lock it and rereads the topic");
        assertEquals(3, second.restored.get());
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void replace(Path dir, Path with) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        copy(with, dir);
    }
}
