package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.WordCountTopology;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A stopped and restarted application resumes at its committed offsets with its state restored. */
class KafkaStreamsRestartIT {
    @TempDir
    Path root;

    @ParameterizedTest(name = "wipeLocalState={0}")
    @ValueSource(booleans = {false, true})
    void shouldResumeFromCommittedOffsetsWithRestoredState(boolean wipeLocalState) {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("lines", 2);
        log.createTopic("words", 2);
        log.createTopic("counts", 2);
        log.produce("lines", List.of(KeyValue.pair("a", "a b a"), KeyValue.pair("b", "c a")),
            Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
        run(log, 5, null);

        Path taskDirs = log.stateDir().resolve("restart");
        assertTrue(Files.exists(taskDirs.resolve("1_0").resolve(".checkpoint"))
            || Files.exists(taskDirs.resolve("1_1").resolve(".checkpoint")), "a clean close writes checkpoints");
        if (wipeLocalState) {
            KafkaStreams cleaner = new KafkaStreams(WordCountTopology.build("lines", "words", "counts"),
                log.streamsProps("restart"));
            cleaner.cleanUp();
            cleaner.close();
            assertTrue(!Files.exists(taskDirs), "cleanUp deletes the state directory");
        }

        log.produce("lines", List.of(KeyValue.pair("c", "a b"), KeyValue.pair("d", "d")),
            Serdes.String().serializer(), Serdes.String().serializer(), 2_000L);
        AtomicLong restored = new AtomicLong();
        AtomicLong restoreStarts = new AtomicLong();
        run(log, 8, new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                restoreStarts.incrementAndGet();
                assertEquals(0L, start, "without local state, restore starts at the changelog's beginning");
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long count) {
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                restored.addAndGet(totalRestored);
            }
        });

        if (wipeLocalState) {
            assertTrue(restoreStarts.get() > 0, "the restore listener saw the changelog restore");
            assertEquals(5, restored.get(), "5 changelog records (a=1,2,3 b=1 c=1) restored");
        } else {
            assertEquals(0, restored.get(), "the checkpoint and snapshot cover the changelog; nothing replayed");
        }
        // Outputs continue as if the application had never stopped: each word's counts run 1..n exactly once.
        Map<String, List<Long>> perWord = new TreeMap<>();
        for (ConsumerRecord<String, Long> record : log.readAll("counts", Serdes.String().deserializer(),
            Serdes.Long().deserializer(), false)) {
            perWord.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
        }
        assertEquals(Map.of("a", List.of(1L, 2L, 3L, 4L), "b", List.of(1L, 2L), "c", List.of(1L), "d", List.of(1L)),
            perWord);
    }

    private void run(EmbeddedLogFixture log, int expectedOutputs, StateRestoreListener listener) {
        try (KafkaStreams streams = new KafkaStreams(WordCountTopology.build("lines", "words", "counts"),
            log.streamsProps("restart"))) {
            if (listener != null) {
                streams.setGlobalStateRestoreListener(listener);
            }
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            EmbeddedLogFixture.await(() -> log.readAll("counts", Serdes.String().deserializer(),
                Serdes.Long().deserializer(), false).size() >= expectedOutputs, Duration.ofSeconds(15),
                expectedOutputs + " outputs");
            ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(
                WordCountTopology.STORE, QueryableStoreTypes.keyValueStore()));
            EmbeddedLogFixture.await(() -> store.get("a") != null, Duration.ofSeconds(5), "store has a");
        }
    }
}
