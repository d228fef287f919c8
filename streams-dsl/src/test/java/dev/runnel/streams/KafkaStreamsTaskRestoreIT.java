package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.log.RunnelLog;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.Stores;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted task trusts its checkpoint and snapshot only while the checkpointed offset lies in its changelog and
 * the snapshot loads whole; otherwise its store is rebuilt from the changelog alone.
 */
class KafkaStreamsTaskRestoreIT {
    private static final String APP = "taskrestore";
    private static final String STORE = "kv";
    private static final String CHANGELOG = APP + "-" + STORE + "-changelog";
    private static final TopicPartition CHANGELOG_0 = new TopicPartition(CHANGELOG, 0);

    @TempDir
    Path root;

    private EmbeddedLogFixture log;
    private Path taskDir;

    @BeforeEach
    void createLog() {
        log = new EmbeddedLogFixture(root);
        log.createTopic("input", 1);
        taskDir = log.stateDir().resolve(APP).resolve("0_0");
    }

    /** Records where the changelog's restore started and how many records it restored. */
    private static final class RecordingListener implements StateRestoreListener {
        final Map<TopicPartition, Long> startOffsets = new ConcurrentHashMap<>();
        final AtomicLong restored = new AtomicLong();

        @Override
        public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
            startOffsets.put(partition, start);
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long count) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            restored.addAndGet(totalRestored);
        }
    }

    /** Puts every input record into the logged in-memory store {@value #STORE}. */
    private static Topology topology() {
        return new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("writer", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    context().<KeyValueStore<String, String>>getStateStore(STORE).put(record.key(), record.value());
                }
            }, "source")
            .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                Serdes.String()), "writer");
    }

    private static Object taskMetric(KafkaStreams streams, String name) {
        return streams.metrics().entrySet().stream()
            .filter(entry -> entry.getKey().group().equals("stream-task-metrics") && entry.getKey().name().equals(name)
                && entry.getKey().tags().get("task-id").equals("0_0"))
            .findFirst().orElseThrow(() -> new AssertionError("no " + name)).getValue().metricValue();
    }

    /** Produces each record in its own batch, so retention can delete single records of a small-segment topic. */
    private void produce(String topic, String... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            log.produce(List.of(new ProducerRecord<>(topic, null, 1_000L, keysAndValues[i], keysAndValues[i + 1])),
                Serdes.String().serializer(), Serdes.String().serializer());
        }
    }

    /** Starts a client, runs {@code whileRunning} and closes the client cleanly; returns its restore listener. */
    private RecordingListener run(Consumer<KafkaStreams> whileRunning) {
        return run(Map.of(), whileRunning);
    }

    /** As {@link #run(Consumer)}, with {@code configs} added to the client's. */
    private RecordingListener run(Map<String, Object> configs, Consumer<KafkaStreams> whileRunning) {
        RecordingListener listener = new RecordingListener();
        Properties props = log.streamsProps(APP);
        props.putAll(configs);
        try (KafkaStreams streams = new KafkaStreams(topology(), props)) {
            streams.setGlobalStateRestoreListener(listener);
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            whileRunning.accept(streams);
        }
        return listener;
    }

    /** Writes a=1, b=2, c=3 through the application and closes it cleanly, which checkpoints the task. */
    private long firstRun() {
        produce("input", "a", "1", "b", "2", "c", "3");
        run(streams -> EmbeddedLogFixture.await(() -> contents(streams).size() == 3, Duration.ofSeconds(15),
            "the store to hold a, b and c"));
        assertTrue(Files.exists(taskDir.resolve(".checkpoint")), "a clean close writes the task's checkpoint");
        long checkpointed = log.endOffsets(CHANGELOG).get(CHANGELOG_0);
        assertEquals(3, checkpointed);
        return checkpointed;
    }

    private static Map<String, String> contents(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, String> store = streams.store(StoreQueryParameters.fromNameAndType(STORE,
            QueryableStoreTypes.keyValueStore()));
        Map<String, String> contents = new TreeMap<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> contents.put(entry.key, entry.value));
        }
        return contents;
    }

    /** Returns the latest value per key of what the changelog still holds. */
    private Map<String, String> changelogContents() {
        Map<String, String> contents = new TreeMap<>();
        log.readAll(CHANGELOG, Serdes.String().deserializer(), Serdes.String().deserializer(), false)
            .forEach(record -> contents.put(record.key(), record.value()));
        return contents;
    }

    @Test
    void shouldRestoreOnlyTheTailAfterTheCheckpoint() {
        long checkpointed = firstRun();
        // A write after the checkpoint, as a dirty stop leaves one.
        produce(CHANGELOG, "d", "4");

        RecordingListener listener = run(streams -> assertEquals(changelogContents(), contents(streams)));

        assertEquals(Map.of(CHANGELOG_0, checkpointed), listener.startOffsets, "the restore starts at the checkpoint");
        assertEquals(1, listener.restored.get(), "only the record after the checkpoint is restored");
    }

    @Test
    void shouldRestoreFromScratchWhenTheLocalStateIsOlderThanTheMaxAge() throws IOException {
        firstRun();
        Files.setLastModifiedTime(taskDir, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        RecordingListener listener = run(Map.of(StreamsConfig.STATE_CLEANUP_DIR_MAX_AGE_MS_CONFIG,
            Duration.ofHours(1).toMillis()), streams -> {
                assertEquals(changelogContents(), contents(streams));
                // Kafka's task-level restore metrics: all 3 changelog records restored, none left.
                assertEquals(3.0, taskMetric(streams, "restore-total"));
                assertEquals(0.0, taskMetric(streams, "restore-remaining-records-total"));
            });

        assertEquals(Map.of(CHANGELOG_0, 0L), listener.startOffsets, "the stale local state was deleted at start");
        assertEquals(3, listener.restored.get(), "the whole changelog is restored");
    }

    @Test
    void shouldKeepLocalStateYoungerThanTheMaxAge() {
        firstRun();

        RecordingListener listener = run(Map.of(StreamsConfig.STATE_CLEANUP_DIR_MAX_AGE_MS_CONFIG,
            Duration.ofHours(1).toMillis()), streams -> assertEquals(changelogContents(), contents(streams)));

        assertEquals(Map.of(), listener.startOffsets, "the snapshot at the changelog's end leaves nothing to restore");
        assertEquals(0, listener.restored.get());
    }

    @Test
    void shouldRestoreFromScratchWhenTheCheckpointIsBeyondTheEndOfARecreatedChangelog() {
        firstRun();
        log.deleteTopic(CHANGELOG);
        log.createTopic(CHANGELOG, 1);
        produce(CHANGELOG, "x", "9");

        RecordingListener listener = run(streams -> {
            assertEquals(Map.of("x", "9"), contents(streams), "nothing of the old changelog is served");
            // A dirty stop from here must not pair the old checkpoint with the old snapshot once the changelog grows.
            assertFalse(Files.exists(taskDir.resolve(STORE + ".snapshot")), "the untrusted snapshot is deleted");
        });

        assertEquals(Map.of(CHANGELOG_0, 0L), listener.startOffsets);
        assertEquals(1, listener.restored.get());
    }

    @Test
    void shouldRestoreFromScratchWhenTheCheckpointIsBelowTheLogStart() {
        // Every record batch gets its own segment, so retention can delete single records.
        log.createTopic(CHANGELOG, 1, Map.of("segment.bytes", "14"));
        long checkpointed = firstRun();
        produce(CHANGELOG, "a", "4", "d", "5", "e", "6");
        try (RunnelLog runnelLog = RunnelLog.open(log.logDir())) {
            // Size-based only: the records' timestamps (1970) would make time-based retention delete them all.
            runnelLog.alterTopicConfig(CHANGELOG, Map.of("retention.bytes", "1", "retention.ms", "-1"), List.of());
            runnelLog.runMaintenance();
        }
        long logStart = log.beginningOffsets(CHANGELOG).get(CHANGELOG_0);
        assertTrue(logStart > checkpointed, "retention deleted records after the checkpoint: " + logStart);
        Map<String, String> remaining = changelogContents();

        RecordingListener listener = run(streams -> assertEquals(remaining, contents(streams),
            "the store holds exactly what the changelog still holds"));

        assertFalse(remaining.containsKey("b"), "b was deleted with the records before the log start");
        assertEquals(Map.of(CHANGELOG_0, logStart), listener.startOffsets, "the restore starts at the log start");
    }

    @Test
    void shouldRestoreFromScratchIntoAnEmptyStoreWhenTheSnapshotFailsPartway() throws IOException {
        firstRun();
        writeSnapshotFailingAfterTwoEntries(taskDir.resolve(STORE + ".snapshot"));

        RecordingListener listener = run(streams -> assertEquals(changelogContents(), contents(streams),
            "no entry of the corrupt snapshot survives"));

        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), changelogContents());
        assertEquals(Map.of(CHANGELOG_0, 0L), listener.startOffsets);
        assertEquals(3, listener.restored.get());
    }

    /**
     * Writes a snapshot in StateCheckpoint's format with a valid CRC whose count promises three entries: the two
     * "ghost" entries load, the third claims a key longer than the file, so loading fails after them.
     */
    private static void writeSnapshotFailingAfterTwoEntries(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x534E4150);
        out.writeLong(3);
        for (String key : List.of("ghost1", "ghost2")) {
            byte[] raw = key.getBytes(StandardCharsets.UTF_8);
            out.writeInt(raw.length);
            out.write(raw);
            out.writeInt(raw.length);
            out.write(raw);
        }
        out.writeInt(1 << 20);
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        Files.write(file, bytes.toByteArray());
    }
}
