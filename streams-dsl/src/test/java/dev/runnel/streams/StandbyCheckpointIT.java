package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standby task checkpoints (whole store snapshots) only once it has applied 10,000 changelog records since its last
 * checkpoint, as Kafka's standbys do, not at every commit it advanced in; a clean close still checkpoints it.
 */
class StandbyCheckpointIT {
    private static final String APP = "standby-checkpoint-app";

    @TempDir
    Path root;

    @Test
    void shouldCheckpointAStandbyEveryTenThousandRecordsAndOnClose() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root.resolve("log"));
        log.createTopic("input", 1);
        KafkaStreams first = new KafkaStreams(topology(), props(log, root.resolve("state-1")));
        KafkaStreams second = new KafkaStreams(topology(), props(log, root.resolve("state-2")));
        try {
            first.start();
            EmbeddedLogFixture.await(() -> first.state() == KafkaStreams.State.RUNNING
                && first.activeTaskIds().size() == 1, Duration.ofSeconds(30), "the first instance runs the task");
            second.start();
            EmbeddedLogFixture.await(() -> second.state() == KafkaStreams.State.RUNNING
                && standbyCount(second) == 1, Duration.ofSeconds(30), "the second instance hosts its standby");
            Path checkpoint = root.resolve("state-2").resolve(APP).resolve("0_0").resolve(".checkpoint");

            produce(log, 0, 100);
            awaitStandbyAt(second, 100);
            // Commits run every 50 ms and an idle poll takes 20: ten polls span several of the standby's commits.
            EmbeddedLogFixture.awaitPolls(second, 10, Duration.ofSeconds(30), "the standby thread's commits");
            assertFalse(Files.exists(checkpoint), "100 records are too few for a standby checkpoint");

            produce(log, 100, 10_000);
            awaitStandbyAt(second, 10_100);
            EmbeddedLogFixture.await(() -> Files.exists(checkpoint), Duration.ofSeconds(30),
                "a standby that applied 10,000 records checkpoints at its next commit");
            assertEquals("10100", checkpointedOffset(checkpoint));

            produce(log, 10_100, 5);
            awaitStandbyAt(second, 10_105);
            second.close();
            assertEquals("10105", checkpointedOffset(checkpoint), "a clean close checkpoints what it applied");
        } finally {
            second.close();
            first.close();
        }
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        return builder.build();
    }

    private static Properties props(EmbeddedLogFixture log, Path stateDir) {
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        // Without a cache every update reaches the changelog, one changelog record per input record.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        return props;
    }

    /** Produces {@code count} records of distinct keys, numbered from {@code from}. */
    private static void produce(EmbeddedLogFixture log, int from, int count) {
        List<KeyValue<String, String>> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add(KeyValue.pair("k" + i, "v"));
        }
        log.produce("input", records, Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
    }

    private static int standbyCount(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt(thread -> thread.standbyTasks().size()).sum();
    }

    /** Waits until the standby's store has applied its changelog up to {@code offset}. */
    private static void awaitStandbyAt(KafkaStreams streams, long offset) {
        EmbeddedLogFixture.await(() -> {
            Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().getOrDefault("counts", Map.of());
            LagInfo lag = lags.get(0);
            return lag != null && lag.currentOffsetPosition() == offset;
        }, Duration.ofSeconds(30), "the standby at changelog offset " + offset);
    }

    /** Returns the offset in the checkpoint's single entry ("version, count, topic partition offset"). */
    private static String checkpointedOffset(Path checkpoint) {
        try {
            List<String> lines = Files.readAllLines(checkpoint);
            assertTrue(lines.size() == 3 && lines.get(1).equals("1"), "one changelog partition: " + lines);
            String[] entry = lines.get(2).split(" ");
            return entry[entry.length - 1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
