package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.RestoreCounters.RestoredPartitions;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.state.KeyValueStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reuse.ktable.source.topics} on a running client: the source table's store gets no changelog topic, and after
 * a restart, with or without {@code cleanUp()}, it restores from the source topic; the join results are those of the
 * unoptimized application.
 */
class ReuseSourceTopicOptimizationIT {
    @TempDir
    Path root;

    /** What one run of the scenario left: the join results, the topics, and what each restart restored. */
    private record Outcome(List<String> enriched, Set<String> topics, Map<TopicPartition, Long> restart,
        Map<TopicPartition, Long> cleanRestart) {
    }

    @Test
    void shouldRestoreFromTheSourceTopicWithoutAChangelogAtLeastOnce() {
        checkScenario(StreamsConfig.AT_LEAST_ONCE);
    }

    @Test
    void shouldRestoreFromTheSourceTopicWithoutAChangelogExactlyOnce() {
        checkScenario(StreamsConfig.EXACTLY_ONCE_V2);
    }

    private void checkScenario(String guarantee) {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        Outcome plain = run(log, "plain", StreamsConfig.NO_OPTIMIZATION, guarantee);
        Outcome optimized = run(log, "optimized", StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS, guarantee);

        List<String> expected = List.of("o1@paris", "o2@rome", "o3@paris", "o4@rome", "o5@lima");
        assertEquals(expected, plain.enriched());
        assertEquals(plain.enriched(), optimized.enriched(), "the optimization changes no result");
        assertFalse(optimized.topics().contains("optimized-users-store-changelog"), optimized.topics().toString());
        assertTrue(optimized.topics().stream().noneMatch(topic -> topic.endsWith("-changelog")
            && topic.startsWith("optimized")), "no changelog topic at all: " + optimized.topics());
        assertTrue(plain.topics().contains("plain-users-store-changelog"), plain.topics().toString());

        TopicPartition users = new TopicPartition("optimized-users", 0);
        // Restarting on its checkpoint, the store needs nothing from the topic: the task goes on from its commit.
        assertEquals(Map.of(), optimized.restart(), "nothing to restore past the checkpoint");
        // After cleanUp() the store comes back from the source topic, up to the committed offset: 3 of 4 records.
        assertEquals(Map.of(users, 3L), optimized.cleanRestart(), "restored from the users topic, not a changelog");
        assertFalse(plain.cleanRestart().containsKey(new TopicPartition("plain-users", 0)),
            plain.cleanRestart().toString());
    }

    private Outcome run(EmbeddedLogFixture log, String app, String optimization, String guarantee) {
        String usersTopic = app + "-users";
        String ordersTopic = app + "-orders";
        String output = app + "-enriched";
        log.createTopic(usersTopic, 1, Map.of("cleanup.policy", "compact"));
        log.createTopic(ordersTopic, 1);
        log.createTopic(output, 1);
        Properties props = log.streamsProps(app);
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, optimization);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        List<String> inputs = List.of(usersTopic, ordersTopic);
        produceUser(log, usersTopic, "alice", "paris", 1_000L);
        produceUser(log, usersTopic, "bob", "oslo", 1_001L);
        try (KafkaStreams streams = start(log, app, props, inputs, null)) {
            produceOrderAndAwait(log, app, "alice", "o1", 1);
        }
        // While the application is down, bob moves: the next run must both know paris and learn rome.
        produceUser(log, usersTopic, "bob", "rome", 1_002L);
        RestoredPartitions restart = new RestoredPartitions();
        try (KafkaStreams streams = start(log, app, props, inputs, restart)) {
            produceOrderAndAwait(log, app, "bob", "o2", 2);
        }
        // Not processed yet when the next run starts: the restore stops before it, at the committed offset.
        produceUser(log, usersTopic, "carol", "lima", 1_003L);
        RestoredPartitions cleanRestart = new RestoredPartitions();
        try (KafkaStreams streams = new KafkaStreams(topology(app).build(props), props)) {
            streams.cleanUp();
            assertFalse(Files.exists(log.stateDir().resolve(app).resolve("0_0")), "cleanUp wipes the task's state");
            streams.setGlobalStateRestoreListener(cleanRestart);
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            produceOrderAndAwait(log, app, "alice", "o3", 3);
            produceOrderAndAwait(log, app, "bob", "o4", 4);
            log.awaitProcessed(app, inputs, Duration.ofSeconds(15));
            produceOrderAndAwait(log, app, "carol", "o5", 5);
        }
        List<String> enriched = new ArrayList<>();
        log.readAll(output, Serdes.String().deserializer(), Serdes.String().deserializer(), false)
            .forEach(record -> enriched.add(record.value()));
        return new Outcome(enriched, topics(log), Map.copyOf(restart.restored), Map.copyOf(cleanRestart.restored));
    }

    private static KafkaStreams start(EmbeddedLogFixture log, String app, Properties props, List<String> inputs,
        StateRestoreListener listener) {
        KafkaStreams streams = new KafkaStreams(topology(app).build(props), props);
        if (listener != null) {
            streams.setGlobalStateRestoreListener(listener);
        }
        streams.start();
        EmbeddedLogFixture.awaitRunning(streams);
        log.awaitProcessed(app, inputs, Duration.ofSeconds(15));
        return streams;
    }

    /** The users table (store users-store) joined by the orders stream, as {@code app}'s topics name them. */
    private static StreamsBuilder topology(String app) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table(app + "-users", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("users-store"));
        builder.stream(app + "-orders", Consumed.with(Serdes.String(), Serdes.String()))
            .join(users, (order, city) -> order + "@" + city)
            .to(app + "-enriched", Produced.with(Serdes.String(), Serdes.String()));
        return builder;
    }

    private static void produceUser(EmbeddedLogFixture log, String topic, String user, String city, long timestamp) {
        log.produce(topic, List.of(KeyValue.pair(user, city)), Serdes.String().serializer(),
            Serdes.String().serializer(), timestamp);
    }

    private static void produceOrderAndAwait(EmbeddedLogFixture log, String app, String user, String order,
        int expectedCount) {
        log.produce(app + "-orders", List.of(KeyValue.pair(user, order)), Serdes.String().serializer(),
            Serdes.String().serializer(), 10_000L + expectedCount);
        EmbeddedLogFixture.await(() -> log.readAll(app + "-enriched", Serdes.String().deserializer(),
            Serdes.String().deserializer(), false).size() >= expectedCount, Duration.ofSeconds(20),
            "order " + order + " to be enriched");
    }

    private static Set<String> topics(EmbeddedLogFixture log) {
        try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
            return admin.listTopics().names().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
