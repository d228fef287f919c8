package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * A user's persistent store that manages its changelog offsets (KIP-1035), beside one that does not, in a real
 * application: commits hand the first the offsets its changelog was written to, a restart restores it from the offset
 * it committed, and the task's checkpoint file leaves it out; the second is flushed at commits and checkpointed as
 * before. A standby's store and a global store that manage their offsets resume from them too.
 */
class ManagedOffsetsStoreIT {
    private static final String APP = "managedoffsets";
    private static final String MANAGED = "managed";
    private static final String LEGACY = "legacy";
    private static final TopicPartition MANAGED_CHANGELOG = new TopicPartition(APP + "-" + MANAGED + "-changelog", 0);
    private static final TopicPartition LEGACY_CHANGELOG = new TopicPartition(APP + "-" + LEGACY + "-changelog", 0);
    private static final TopicPartition GLOBAL_TOPIC = new TopicPartition("global", 0);

    @TempDir
    Path root;

    private EmbeddedLogFixture log;
    private final DiskStoreSupplier managed = new DiskStoreSupplier(MANAGED, true);
    private final DiskStoreSupplier legacy = new DiskStoreSupplier(LEGACY, false);

    @BeforeEach
    void createLog() {
        log = new EmbeddedLogFixture(root);
        log.createTopic("input", 1);
    }

    /** What a persistent store keeps across restarts: its entries and, if it manages them, its committed offsets. */
    private static final class Disk {
        final Map<Bytes, byte[]> entries = new ConcurrentHashMap<>();
        final Map<TopicPartition, Long> committedOffsets = new ConcurrentHashMap<>();
    }

    /** A key-value bytes store on a {@link Disk}, recording what the runtime asks of it. */
    private static final class DiskStore implements KeyValueStore<Bytes, byte[]> {
        final String name;
        final Disk disk;
        final boolean managesOffsets;
        final List<Map<TopicPartition, Long>> commits = new CopyOnWriteArrayList<>();
        final AtomicInteger flushes = new AtomicInteger();
        final List<TopicPartition> askedOffsets = new CopyOnWriteArrayList<>();
        final List<String> restoredKeys = new CopyOnWriteArrayList<>();
        final List<String> writtenKeys = new CopyOnWriteArrayList<>();
        private volatile boolean open;

        DiskStore(String name, Disk disk, boolean managesOffsets) {
            this.name = name;
            this.disk = disk;
            this.managesOffsets = managesOffsets;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            context.register(root, (key, value) -> {
                restoredKeys.add(new String(key, StandardCharsets.UTF_8));
                put(Bytes.wrap(key), value);
            });
            open = true;
        }

        @Override
        public void commit(Map<TopicPartition, Long> changelogOffsets) {
            commits.add(Map.copyOf(changelogOffsets));
            if (managesOffsets) {
                disk.committedOffsets.putAll(changelogOffsets);
            } else {
                // As a store written before KIP-1035 is committed: through flush().
                KeyValueStore.super.commit(changelogOffsets);
            }
        }

        @Override
        public Long committedOffset(TopicPartition partition) {
            askedOffsets.add(partition);
            return managesOffsets ? disk.committedOffsets.get(partition) : null;
        }

        @Override
        public boolean managesOffsets() {
            return managesOffsets;
        }

        @Override
        @SuppressWarnings("deprecation")
        public void flush() {
            flushes.incrementAndGet();
        }

        /** Returns the offsets of the last commit, or none before the first. */
        Map<TopicPartition, Long> lastCommit() {
            return commits.isEmpty() ? Map.of() : commits.get(commits.size() - 1);
        }

        @Override
        public void put(Bytes key, byte[] value) {
            writtenKeys.add(new String(key.get(), StandardCharsets.UTF_8));
            if (value == null) {
                disk.entries.remove(key);
            } else {
                disk.entries.put(key, value);
            }
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            byte[] old = get(key);
            if (old == null) {
                put(key, value);
            }
            return old;
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            entries.forEach(entry -> put(entry.key, entry.value));
        }

        @Override
        public byte[] delete(Bytes key) {
            return disk.entries.remove(key);
        }

        @Override
        public byte[] get(Bytes key) {
            return disk.entries.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            throw new UnsupportedOperationException("the test's processor only puts");
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            throw new UnsupportedOperationException("the test's processor only puts");
        }

        @Override
        public long approximateNumEntries() {
            return disk.entries.size();
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public boolean persistent() {
            return true;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    /** Supplies {@link DiskStore}s on one {@link Disk}, which outlives the clients, and keeps the last one built. */
    private static final class DiskStoreSupplier implements KeyValueBytesStoreSupplier {
        final String name;
        final boolean managesOffsets;
        final Disk disk = new Disk();
        volatile DiskStore last;

        DiskStoreSupplier(String name, boolean managesOffsets) {
            this.name = name;
            this.managesOffsets = managesOffsets;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public KeyValueStore<Bytes, byte[]> get() {
            last = new DiskStore(name, disk, managesOffsets);
            return last;
        }

        @Override
        public String metricsScope() {
            return "disk";
        }
    }

    /** Puts every input record into the {@link #managed} and {@link #legacy} stores, each logged to its changelog. */
    private Topology topology() {
        return topology(managed, legacy);
    }

    /** Puts every input record into each of {@code stores}, each logged to its changelog. */
    private static Topology topology(DiskStoreSupplier... stores) {
        Topology topology = new Topology()
            .addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
            .addProcessor("writer", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    for (DiskStoreSupplier store : stores) {
                        context().<KeyValueStore<String, String>>getStateStore(store.name).put(record.key(),
                            record.value());
                    }
                }
            }, "source");
        for (DiskStoreSupplier store : stores) {
            topology.addStateStore(Stores.keyValueStoreBuilder(store, Serdes.String(), Serdes.String()), "writer");
        }
        return topology;
    }

    /** Puts every record of topic {@code global} into the global store {@value #MANAGED}. */
    private Topology globalTopology() {
        return new Topology().addGlobalStore(
            Stores.keyValueStoreBuilder(managed, Serdes.String(), Serdes.String()).withLoggingDisabled(),
            "global-source", Serdes.String().deserializer(), Serdes.String().deserializer(), GLOBAL_TOPIC.topic(),
            "global-writer", () -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    context().<KeyValueStore<String, String>>getStateStore(MANAGED).put(record.key(),
                        record.value());
                }
            });
    }

    private void produce(String topic, String... keys) {
        for (String key : keys) {
            log.produce(List.of(new ProducerRecord<>(topic, null, 1_000L, key, key.toUpperCase(Locale.ROOT))),
                Serdes.String().serializer(), Serdes.String().serializer());
        }
    }

    private long endOffset(TopicPartition changelog) {
        return log.endOffsets(changelog.topic()).get(changelog);
    }

    /**
     * Processes a, b and c and waits until both stores were committed with their changelogs' end offsets, then closes
     * the client cleanly.
     */
    private void firstRun() {
        produce("input", "a", "b", "c");
        try (KafkaStreams streams = new KafkaStreams(topology(), log.streamsProps(APP))) {
            streams.start();
            EmbeddedLogFixture.await(() -> endOffset(MANAGED_CHANGELOG) == 3 && endOffset(LEGACY_CHANGELOG) == 3
                && managed.last.lastCommit().equals(Map.of(MANAGED_CHANGELOG, 3L))
                && legacy.last.lastCommit().equals(Map.of(LEGACY_CHANGELOG, 3L)), Duration.ofSeconds(30),
                "a, b and c to be written to both changelogs and committed to both stores");
        }
    }

    /** Restarts the client, waits until its task runs (its stores restored) and closes it cleanly. */
    private void restart() {
        try (KafkaStreams streams = new KafkaStreams(topology(), log.streamsProps(APP))) {
            streams.start();
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.RUNNING
                && !streams.activeTaskIds().isEmpty(), Duration.ofSeconds(30), "the restarted task to run");
        }
    }

    private Map<TopicPartition, Long> checkpointFile() throws IOException {
        return checkpointFile(log.stateDir());
    }

    /** Parses the checkpoint file of task 0_0 in {@code stateDir} (Kafka's OffsetCheckpoint text format). */
    private static Map<TopicPartition, Long> checkpointFile(Path stateDir) throws IOException {
        List<String> lines = Files.readAllLines(stateDir.resolve(APP).resolve("0_0").resolve(".checkpoint"));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] parts = line.split(" ");
            offsets.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
        }
        return offsets;
    }

    @Test
    void shouldCommitTheWrittenOffsetsToAStoreThatManagesThemAndRestoreItFromThere() throws IOException {
        firstRun();
        assertEquals(Map.of(MANAGED_CHANGELOG, 3L), managed.disk.committedOffsets);
        assertFalse(checkpointFile().containsKey(MANAGED_CHANGELOG), "the checkpoint file: " + checkpointFile());

        // Records the store has not seen, as if another instance had written them after its last commit.
        produce(MANAGED_CHANGELOG.topic(), "d", "e");
        restart();
        DiskStore restarted = managed.last;
        assertTrue(restarted.askedOffsets.contains(MANAGED_CHANGELOG), "asked: " + restarted.askedOffsets);
        assertEquals(List.of("d", "e"), restarted.restoredKeys, "restored only what follows the committed offset");
        assertEquals(Map.of(MANAGED_CHANGELOG, 5L), restarted.lastCommit(), "a clean close commits the restored end");
    }

    @Test
    void shouldFlushAndCheckpointAStoreThatDoesNotManageItsOffsetsAsBefore() throws IOException {
        firstRun();
        assertTrue(legacy.last.flushes.get() > 0, "commits flush the store");
        assertEquals(3L, checkpointFile().get(LEGACY_CHANGELOG), "the checkpoint file: " + checkpointFile());
        assertTrue(legacy.last.askedOffsets.isEmpty(), "asked: " + legacy.last.askedOffsets);

        restart();
        // Without a snapshot of it, Runnel restores a user's store from the changelog's start, as it always did.
        assertEquals(List.of("a", "b", "c"), legacy.last.restoredKeys);
        assertTrue(legacy.last.askedOffsets.isEmpty(), "asked: " + legacy.last.askedOffsets);
    }

    @Test
    void shouldResumeAGlobalStoreFromTheOffsetsItCommitted() {
        log.createTopic(GLOBAL_TOPIC.topic(), 1);
        produce(GLOBAL_TOPIC.topic(), "a", "b", "c");
        try (KafkaStreams streams = new KafkaStreams(globalTopology(), log.streamsProps(APP))) {
            streams.start();
            EmbeddedLogFixture.await(() -> managed.last != null
                && managed.last.lastCommit().equals(Map.of(GLOBAL_TOPIC, 3L)), Duration.ofSeconds(30),
                "the global store to be committed with its topic's end");
        }

        produce(GLOBAL_TOPIC.topic(), "d", "e");
        try (KafkaStreams streams = new KafkaStreams(globalTopology(), log.streamsProps(APP))) {
            // start() returns once the global store is restored, as Kafka Streams' does.
            streams.start();
            DiskStore restarted = managed.last;
            assertTrue(restarted.askedOffsets.contains(GLOBAL_TOPIC), "asked: " + restarted.askedOffsets);
            assertEquals(List.of("d", "e"), restarted.writtenKeys, "reread only what follows the committed offset");
        }
    }

    @Test
    void shouldCommitAStandbyStoreThatManagesItsOffsetsAndResumeItFromThere() throws IOException {
        DiskStoreSupplier standby = new DiskStoreSupplier(MANAGED, true);
        Path standbyStateDir = root.resolve("standby");
        produce("input", "a", "b", "c");
        try (KafkaStreams active = new KafkaStreams(topology(managed), standbyProps(log.stateDir()))) {
            active.start();
            EmbeddedLogFixture.await(() -> active.state() == KafkaStreams.State.RUNNING
                && active.activeTaskIds().size() == 1, Duration.ofSeconds(30), "the first instance runs the task");
            try (KafkaStreams second = new KafkaStreams(topology(standby), standbyProps(standbyStateDir))) {
                second.start();
                EmbeddedLogFixture.await(() -> standby.last != null && standby.last.writtenKeys.size() == 3,
                    Duration.ofSeconds(30), "the second instance's standby to apply a, b and c");
            }
            // A clean close checkpoints the standby, committing its store.
            assertEquals(Map.of(MANAGED_CHANGELOG, 3L), standby.disk.committedOffsets);
            assertFalse(checkpointFile(standbyStateDir).containsKey(MANAGED_CHANGELOG),
                "the standby's checkpoint file: " + checkpointFile(standbyStateDir));

            produce("input", "d", "e");
            try (KafkaStreams second = new KafkaStreams(topology(standby), standbyProps(standbyStateDir))) {
                second.start();
                EmbeddedLogFixture.await(() -> standby.last.writtenKeys.contains("e"), Duration.ofSeconds(30),
                    "the second instance's standby to apply d and e");
                assertEquals(Set.of(), second.activeTaskIds(), "the second instance's tasks");
                DiskStore resumed = standby.last;
                assertTrue(resumed.askedOffsets.contains(MANAGED_CHANGELOG), "asked: " + resumed.askedOffsets);
                assertEquals(List.of("d", "e"), resumed.writtenKeys, "applied only what follows the offset");
            }
        }
    }

    private Properties standbyProps(Path stateDir) {
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        return props;
    }
}
