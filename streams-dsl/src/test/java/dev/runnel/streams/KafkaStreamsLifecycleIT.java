package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Utils;
import dev.runnel.streams.errors.InvalidStateStoreException;
import dev.runnel.streams.errors.InvalidStateStorePartitionException;
import dev.runnel.streams.errors.StateStoreMigratedException;
import dev.runnel.streams.errors.StateStoreNotAvailableException;
import dev.runnel.streams.errors.MissingSourceTopicException;
import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.state.HostInfo;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.ReadOnlyWindowStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running client's lifecycle and its interactive-query errors, on a real log folder. */
class KafkaStreamsLifecycleIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    @Test
    void shouldStayPendingShutdownAfterACloseThatTimesOutUntilTheThreadsHaveStopped() throws InterruptedException {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        CountDownLatch processing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> {
            processing.countDown();
            try {
                release.await(); // a record the thread takes long to process
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("slow-close"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("in", List.of(KeyValue.pair("k", "v")), Serdes.String().serializer(),
                Serdes.String().serializer(), 1_000L);
            assertTrue(processing.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));

            assertFalse(streams.close(Duration.ofMillis(100)), "the thread did not stop in time");
            assertEquals(KafkaStreams.State.PENDING_SHUTDOWN, streams.state());
            assertThrows(IllegalStateException.class, streams::cleanUp, "its state is still in use");
            assertFalse(streams.close(Duration.ofMillis(100)), "a second close waits for the same threads");

            release.countDown();
            assertTrue(streams.close(TIMEOUT));
            assertEquals(KafkaStreams.State.NOT_RUNNING, streams.state());
            streams.cleanUp();
        }
    }

    @Test
    void shouldReportWhyAQueryCannotReadAStoreWhenTheStoreIsRead() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 2);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("query-errors"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            ReadOnlyWindowStore<String, Long> wrongType = streams.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.windowStore()));
            InvalidStateStoreException typeError = assertThrows(InvalidStateStoreException.class,
                () -> wrongType.fetch("k", Instant.EPOCH, Instant.now()));
            assertTrue(typeError.getMessage().contains("does not accept the actual store type"),
                typeError.getMessage());

            ReadOnlyKeyValueStore<String, Long> elsewhere = streams.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.<String, Long>keyValueStore()).withPartition(7));
            assertEquals("The specified partition 7 for store counts does not exist.",
                assertThrows(InvalidStateStorePartitionException.class, () -> elsewhere.get("k")).getMessage());

            ReadOnlyKeyValueStore<String, Long> counts = streams.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.keyValueStore()));
            log.produce("in", List.of(KeyValue.pair("k", "v")), Serdes.String().serializer(),
                Serdes.String().serializer(), 1_000L);
            EmbeddedLogFixture.await(() -> Long.valueOf(1L).equals(counts.get("k")), TIMEOUT, "k to be counted");
        }
    }

    @Test
    void shouldTellAMigratedStoreFromOneThatIsNoLongerAvailable() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        try (KafkaStreams first = new KafkaStreams(countTopology(), log.streamsProps("query-migrated"));
            KafkaStreams second = new KafkaStreams(countTopology(), log.streamsProps("query-migrated"))) {
            first.start();
            second.start();
            EmbeddedLogFixture.await(() -> first.state() == KafkaStreams.State.RUNNING
                && second.state() == KafkaStreams.State.RUNNING
                && first.activeTaskIds().size() + second.activeTaskIds().size() == 1, TIMEOUT,
                "the one task to run on one of the two instances");
            KafkaStreams idle = first.activeTaskIds().isEmpty() ? first : second;
            ReadOnlyKeyValueStore<String, Long> counts = idle.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.keyValueStore()));
            assertThrows(StateStoreMigratedException.class, () -> counts.get("k"),
                "running, but the store's task is on the other instance");

            idle.close();
            assertThrows(StateStoreNotAvailableException.class, () -> counts.get("k"), "a view from before close");
            assertThrows(IllegalStateException.class, () -> idle.store(
                StoreQueryParameters.fromNameAndType("counts", QueryableStoreTypes.keyValueStore())),
                "store() itself refuses a stopped client, as Kafka's does");
        }
    }

    @Test
    void shouldRefuseClientInstanceIdsAsKafkaStreamsDoesWithoutTelemetry() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        KafkaStreams streams = new KafkaStreams(countTopology(), log.streamsProps("instance-ids"));
        assertThrows(IllegalArgumentException.class, () -> streams.clientInstanceIds(Duration.ofSeconds(-1)));
        IllegalStateException notStarted = assertThrows(IllegalStateException.class,
            () -> streams.clientInstanceIds(TIMEOUT));
        assertTrue(notStarted.getMessage().contains("not been started"), notStarted.getMessage());
        streams.start();
        EmbeddedLogFixture.awaitRunning(streams);
        IllegalStateException noTelemetry = assertThrows(IllegalStateException.class,
            () -> streams.clientInstanceIds(TIMEOUT));
        assertTrue(noTelemetry.getMessage().contains("Telemetry is not enabled"), noTelemetry.getMessage());
        streams.close();
        IllegalStateException stopped = assertThrows(IllegalStateException.class,
            () -> streams.clientInstanceIds(TIMEOUT));
        assertTrue(stopped.getMessage().contains("has been stopped"), stopped.getMessage());
    }

    private static Topology countTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        return builder.build();
    }

    @Test
    void shouldPublishKafkaStreamsClientAndThreadMetrics() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> { });
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("metric-names"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            Map<String, Object> values = new TreeMap<>();
            streams.metrics().forEach((name, metric) -> values.put(name.group() + ":" + name.name(),
                metric.metricValue()));
            List<String> expected = new ArrayList<>();
            for (String name : List.of("version", "commit-id", "application-id", "topology-description", "state",
                "alive-stream-threads", "failed-stream-threads", "client-state", "recording-level")) {
                expected.add("stream-metrics:" + name);
            }
            expected.add("stream-thread-metrics:thread-state");
            expected.add("stream-thread-metrics:state");
            for (String operation : List.of("commit", "poll", "process", "punctuate")) {
                for (String suffix : List.of("-latency-avg", "-latency-max", "-rate", "-total")) {
                    expected.add("stream-thread-metrics:" + operation + suffix);
                }
            }
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(values.keySet());
            assertEquals(List.of(), missing, "Kafka Streams' client and thread metrics (recording level info)");
            assertEquals("metric-names", values.get("stream-metrics:application-id"));
            assertEquals(KafkaStreams.State.RUNNING.ordinal(), values.get("stream-metrics:client-state"));
            assertEquals(0, values.get("stream-metrics:recording-level"), "info");
            assertEquals(0.0, values.get("stream-metrics:failed-stream-threads"));
            assertEquals("RUNNING", values.get("stream-thread-metrics:state"));
            assertEquals(4, values.get("stream-thread-metrics:thread-state"), "StreamThread.State.RUNNING's ordinal");
            streams.metrics().keySet().stream().filter(name -> name.name().equals("client-state")).forEach(name ->
                assertEquals(Set.of("client-id", "process-id", "application-id"), name.tags().keySet()));
            assertEquals(builder.build().describe().toString(), values.get("stream-metrics:topology-description"));
        }
    }

    @Test
    void shouldPassAGlobalThreadFailureToTheUncaughtExceptionHandlerWhichCannotReplaceIt() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("rates", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable("rates", Consumed.with(Serdes.String(), Serdes.Long()));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> { });
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("global-failure"))) {
            streams.setUncaughtExceptionHandler(failure -> {
                handled.add(failure);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            // Not a long: the global thread fails to deserialize it (log-and-fail by default).
            log.produce("rates", List.of(KeyValue.pair("eur", new byte[] {1, 2, 3})), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), 1_000L);
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT,
                "the client to shut down: a global thread is not replaced");
            assertEquals(1, handled.size(), handled.toString());
        }
    }

    @Test
    void shouldReportAMissingSourceTopicToTheUncaughtExceptionHandler() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("no-such-topic", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> { });
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("missing-source"))) {
            streams.setUncaughtExceptionHandler(failure -> {
                handled.add(failure);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.ERROR, TIMEOUT, "the client to stop");
            assertEquals(1, handled.size(), handled.toString());
            assertTrue(handled.get(0) instanceof MissingSourceTopicException, handled.toString());
            assertTrue(handled.get(0).getMessage().contains("no-such-topic"), handled.get(0).getMessage());
        }
    }

    @Test
    void shouldAddAndRemoveStreamThreadsWhileRunningAndKeepCounting() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 4);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("elastic"))) {
            assertEquals(Optional.empty(), streams.addStreamThread(), "not before start");
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            ReadOnlyKeyValueStore<String, Long> counts = streams.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.keyValueStore()));
            List<KeyValue<String, String>> keys = List.of(KeyValue.pair("a", "-"), KeyValue.pair("b", "-"),
                KeyValue.pair("c", "-"), KeyValue.pair("d", "-"));
            log.produce("in", keys, Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
            awaitCounts(counts, 1L);

            assertEquals(Optional.of("elastic-1-StreamThread-2"), streams.addStreamThread());
            EmbeddedLogFixture.await(() -> aliveThreads(streams) == 2 && streams.state() == KafkaStreams.State.RUNNING,
                TIMEOUT, "two running threads");
            log.produce("in", keys, Serdes.String().serializer(), Serdes.String().serializer(), 2_000L);
            awaitCounts(counts, 2L);

            assertTrue(streams.removeStreamThread().isPresent());
            EmbeddedLogFixture.await(() -> aliveThreads(streams) == 1 && streams.state() == KafkaStreams.State.RUNNING,
                TIMEOUT, "one running thread");
            log.produce("in", keys, Serdes.String().serializer(), Serdes.String().serializer(), 3_000L);
            awaitCounts(counts, 3L);
        }
    }

    private static void awaitCounts(ReadOnlyKeyValueStore<String, Long> counts, long expected) {
        EmbeddedLogFixture.await(() -> {
            try {
                return List.of("a", "b", "c", "d").stream().allMatch(key -> Long.valueOf(expected)
                    .equals(counts.get(key)));
            } catch (InvalidStateStoreException migrating) {
                return false;
            }
        }, TIMEOUT, "every key counted " + expected + " times");
    }

    private static double aliveThreads(KafkaStreams streams) {
        return streams.metrics().entrySet().stream()
            .filter(metric -> metric.getKey().name().equals("alive-stream-threads"))
            .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue()).findFirst().orElse(-1);
    }

    @Test
    void shouldTellWhichInstanceServesAKeyOfAStore() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 4);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        Properties first = log.streamsProps("routed");
        first.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "host-a:7001");
        Properties second = log.streamsProps("routed");
        second.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "host-b:7002");
        try (KafkaStreams a = new KafkaStreams(builder.build(), first);
             KafkaStreams b = new KafkaStreams(builder.build(), second)) {
            a.start();
            b.start();
            EmbeddedLogFixture.await(() -> a.state() == KafkaStreams.State.RUNNING
                && b.state() == KafkaStreams.State.RUNNING && a.activeTaskIds().size() == 2
                && b.activeTaskIds().size() == 2, TIMEOUT, "both instances running two tasks each");

            Map<HostInfo, StreamsMetadata> byHost = new TreeMap<>(java.util.Comparator.comparing(HostInfo::host));
            a.metadataForAllStreamsClients().forEach(meta -> byHost.put(meta.hostInfo(), meta));
            assertEquals(List.of(new HostInfo("host-a", 7001), new HostInfo("host-b", 7002)),
                new ArrayList<>(byHost.keySet()));
            Set<TopicPartition> partitions = new HashSet<>();
            byHost.values().forEach(meta -> {
                assertEquals(Set.of("counts"), meta.stateStoreNames());
                partitions.addAll(meta.topicPartitions());
            });
            assertEquals(4, partitions.size(), partitions.toString());
            assertEquals(2, b.streamsMetadataForStore("counts").size());

            KeyQueryMetadata where = b.queryMetadataForKey("counts", "k", Serdes.String().serializer());
            int partition = Utils.toPositive(Utils.murmur2("k".getBytes(StandardCharsets.UTF_8))) % 4;
            assertEquals(partition, where.partition());
            KafkaStreams owner = where.activeHost().port() == 7001 ? a : b;
            assertTrue(owner.activeTaskIds().contains(new TaskId(0, partition)), where.toString());
            assertEquals(KeyQueryMetadata.NOT_AVAILABLE, a.queryMetadataForKey("no-such-store", "k",
                Serdes.String().serializer()));
            assertEquals("KeyQueryMetadata {activeHost=HostInfo{host='unavailable', port=-1}, standbyHosts=[], "
                + "partition=-1}", KeyQueryMetadata.NOT_AVAILABLE.toString(), "as Kafka prints it");
        }
    }
}
