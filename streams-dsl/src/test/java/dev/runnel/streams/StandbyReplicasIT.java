package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.RestoreCounters.CountingListener;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code num.standby.replicas}, each instance keeps a caught-up copy of the other's stores, so the survivor of a
 * close takes over its tasks restoring (almost) nothing, where without standbys it restores whole changelogs.
 */
class StandbyReplicasIT {
    private static final int KEYS = 10;
    private static final int ROUNDS = 20;

    @TempDir
    Path root;

    @Test
    void shouldTakeOverFromCaughtUpStandbysWithoutRestoringTheChangelog() {
        long withStandbys = runAndTakeOver(1, root.resolve("standby"));
        long withoutStandbys = runAndTakeOver(0, root.resolve("none"));
        assertTrue(withoutStandbys >= ROUNDS, "without standbys the whole changelog is restored: " + withoutStandbys);
        assertTrue(withStandbys <= KEYS, "a caught-up standby restores at most the tail: " + withStandbys);
    }

    /** Runs two instances, closes the first, checks the counts and returns how many records the second restored. */
    private long runAndTakeOver(int standbyReplicas, Path dir) {
        EmbeddedLogFixture log = new EmbeddedLogFixture(dir);
        log.createTopic("input", 2);
        log.createTopic("output", 2);
        AtomicLong restored = new AtomicLong();
        KafkaStreams first = new KafkaStreams(topology(), props(log, dir.resolve("state-1"), standbyReplicas));
        KafkaStreams second = new KafkaStreams(topology(), props(log, dir.resolve("state-2"), standbyReplicas));
        second.setGlobalStateRestoreListener(new CountingListener(restored));
        try {
            first.start();
            second.start();
            EmbeddedLogFixture.await(() -> first.activeTaskIds().size() == 1 && second.activeTaskIds().size() == 1
                    && first.state() == KafkaStreams.State.RUNNING && second.state() == KafkaStreams.State.RUNNING,
                Duration.ofSeconds(30), "one task each");
            produceRound(log);
            EmbeddedLogFixture.await(() -> outputs(log).size() == KEYS * ROUNDS, Duration.ofSeconds(30),
                "every count");
            if (standbyReplicas > 0) {
                EmbeddedLogFixture.await(() -> EmbeddedLogFixture.standbyTaskIds(first).equals(second.activeTaskIds())
                        && EmbeddedLogFixture.standbyTaskIds(second).equals(first.activeTaskIds()),
                    Duration.ofSeconds(30), "each instance hosts standbys of the other's tasks");
                EmbeddedLogFixture.await(() -> caughtUp(first) && caughtUp(second), Duration.ofSeconds(30),
                    "the standbys caught up with their changelogs");
            } else {
                assertEquals(Set.of(), EmbeddedLogFixture.standbyTaskIds(first));
            }
            first.close();
            EmbeddedLogFixture.await(() -> second.activeTaskIds().size() == 2
                && second.state() == KafkaStreams.State.RUNNING, Duration.ofSeconds(30), "the survivor runs both");
            long restoredAtTakeover = restored.get();
            produceRound(log);
            EmbeddedLogFixture.await(() -> outputs(log).size() == KEYS * (ROUNDS + 1), Duration.ofSeconds(30),
                "the counts after the takeover");
            Map<String, Long> latest = new HashMap<>();
            outputs(log).forEach(record -> latest.put(record.key(), record.value()));
            for (int k = 0; k < KEYS; k++) {
                assertEquals(ROUNDS + 1L, latest.get("k" + k), "the count of k" + k + " continued");
            }
            return restoredAtTakeover;
        } finally {
            first.close();
            second.close();
        }
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts")).toStream().to("output", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private static Properties props(EmbeddedLogFixture log, Path stateDir, int standbyReplicas) {
        Properties props = log.streamsProps("standby-app");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        // Without a cache every update reaches the changelog, so its length is the number of updates.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        return props;
    }

    private static void produceRound(EmbeddedLogFixture log) {
        List<KeyValue<String, String>> records = new ArrayList<>();
        int rounds = log.readAll("input", Serdes.String().deserializer(), Serdes.String().deserializer(), false)
            .isEmpty() ? ROUNDS : 1;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < KEYS; k++) {
                records.add(KeyValue.pair("k" + k, "v"));
            }
        }
        log.produce("input", records, Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
    }

    private static List<ConsumerRecord<String, Long>> outputs(EmbeddedLogFixture log) {
        List<ConsumerRecord<String, Long>> records = new ArrayList<>(log.readAll("output",
            Serdes.String().deserializer(), Serdes.Long().deserializer(), false));
        records.sort((a, b) -> Long.compare(a.value(), b.value()));
        return records;
    }

    private static boolean caughtUp(KafkaStreams streams) {
        Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().getOrDefault("counts", Map.of());
        return lags.size() == 2 && lags.values().stream().allMatch(lag -> lag.offsetLag() == 0);
    }
}
