package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.processor.TaskId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KafkaStreams#metadataForLocalThreads()} on a running client with several stream threads. */
class KafkaStreamsThreadMetadataIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int PARTITIONS = 4;

    @TempDir
    Path root;

    @Test
    void shouldDescribeEachStreamThreadWithItsTasksAndTheirCommittedOffsets() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", PARTITIONS);
        try (KafkaStreams streams = new KafkaStreams(passThrough(), props(log, "thread-metadata"))) {
            streams.start();
            awaitThreads(streams, 2);

            Set<ThreadMetadata> threads = streams.metadataForLocalThreads();
            assertEquals(2, threads.size());
            Set<String> names = new HashSet<>();
            List<TopicPartition> assigned = new ArrayList<>();
            for (ThreadMetadata thread : threads) {
                names.add(thread.threadName());
                assertEquals("RUNNING", thread.threadState());
                assertEquals(thread.threadName() + "-consumer", thread.consumerClientId());
                assertEquals(thread.threadName() + "-restore-consumer", thread.restoreConsumerClientId());
                assertEquals(Set.of(thread.threadName() + "-producer"), thread.producerClientIds());
                assertEquals(Set.of(), thread.standbyTasks(), "Runnel has no standby replicas");
                for (TaskMetadata task : thread.activeTasks()) {
                    assertEquals(Set.of(new TopicPartition("in", task.taskId().partition())), task.topicPartitions());
                    assertEquals(new TaskId(0, task.taskId().partition()), task.taskId());
                    assertEquals(Optional.empty(), task.timeCurrentIdlingStarted());
                    assigned.addAll(task.topicPartitions());
                }
            }
            assertEquals(2, names.size(), "distinct thread names: " + names);
            assertEquals(PARTITIONS, assigned.size(), "each partition once: " + assigned);
            assertEquals(allPartitions(), new HashSet<>(assigned));
            Map<TopicPartition, Long> unknown = offsets(-1, -1, -1, -1);
            assertEquals(unknown, committedOffsets(threads), "nothing processed, so nothing committed");
            assertEquals(unknown, endOffsets(threads), "nothing fetched yet");

            // Partition p gets p + 1 records, so the expected offsets differ per partition.
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i <= p; i++) {
                    records.add(new ProducerRecord<>("in", p, 1_000L, "k" + i, "v"));
                }
            }
            log.produce(records, Serdes.String().serializer(), Serdes.String().serializer());
            Map<TopicPartition, Long> processed = offsets(1, 2, 3, 4);
            EmbeddedLogFixture.await(() -> processed.equals(committedOffsets(streams.metadataForLocalThreads())),
                TIMEOUT, "the committed offsets to reach " + processed);
            // As in Kafka Streams, the end offsets are the highest offsets fetched: each partition's last record.
            assertEquals(offsets(0, 1, 2, 3), endOffsets(streams.metadataForLocalThreads()));
        }
    }

    /**
     * The end offsets are the highest offsets the tasks fetched (Kafka's "highest offset seen so far"), not the
     * partitions' log end offsets: a client started paused fetches nothing and reports none, while the log holds 100
     * records.
     */
    @Test
    void shouldReportTheHighestOffsetsFetchedNotTheLogEndOffsets() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", PARTITIONS);
        // 100 records: partition p gets 10 * (p + 1).
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            for (int i = 0; i < 10 * (p + 1); i++) {
                records.add(new ProducerRecord<>("in", p, 1_000L, "k" + i, "v"));
            }
        }
        log.produce(records, Serdes.String().serializer(), Serdes.String().serializer());
        Map<TopicPartition, Long> logEnd = offsets(10, 20, 30, 40);
        try (KafkaStreams streams = new KafkaStreams(passThrough(), props(log, "thread-metadata-end"))) {
            streams.pause();
            streams.start();
            awaitThreads(streams, 2);
            Set<ThreadMetadata> threads = streams.metadataForLocalThreads();
            assertEquals(offsets(-1, -1, -1, -1), endOffsets(threads), "paused, so nothing fetched");
            assertEquals(offsets(-1, -1, -1, -1), committedOffsets(threads), "paused, so nothing committed");

            streams.resume();
            EmbeddedLogFixture.await(() -> logEnd.equals(committedOffsets(streams.metadataForLocalThreads())),
                TIMEOUT, "the committed offsets to reach " + logEnd);
            assertEquals(offsets(9, 19, 29, 39), endOffsets(streams.metadataForLocalThreads()));
        }
    }

    @Test
    void shouldIncludeAnAddedStreamThreadAndLeaveOutARemovedOne() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", PARTITIONS);
        try (KafkaStreams streams = new KafkaStreams(passThrough(), props(log, "thread-metadata-add"))) {
            streams.start();
            awaitThreads(streams, 2);

            String added = streams.addStreamThread().orElseThrow();
            awaitThreads(streams, 3);
            Set<ThreadMetadata> threads = streams.metadataForLocalThreads();
            assertTrue(threadNames(threads).contains(added), added + " in " + threadNames(threads));
            assertEquals(3, threadNames(threads).size());

            String removed = streams.removeStreamThread(TIMEOUT).orElseThrow();
            assertTrue(removed.endsWith("-StreamThread-1"), "Kafka Streams removes the first live thread: " + removed);
            awaitThreads(streams, 2);
            assertFalse(threadNames(streams.metadataForLocalThreads()).contains(removed));
        }
    }

    @Test
    void shouldReportCreatedThreadsBeforeStartAndNoneAfterClose() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", PARTITIONS);
        KafkaStreams streams = new KafkaStreams(passThrough(), props(log, "thread-metadata-states"));
        try {
            // As in Kafka Streams, the client creates its threads: they exist, not yet started, before start().
            Set<ThreadMetadata> created = streams.metadataForLocalThreads();
            assertEquals(Set.of("CREATED"),
                created.stream().map(ThreadMetadata::threadState).collect(Collectors.toSet()));
            assertEquals(2, created.size());
            assertTrue(created.stream().allMatch(thread -> thread.activeTasks().isEmpty()));
            assertEquals(2, streams.metrics().keySet().stream().filter(name -> name.name().equals("thread-state")
                && name.group().equals("stream-thread-metrics")).count(), "thread metrics before start");
            streams.start();
            awaitThreads(streams, 2);
            assertEquals(threadNames(created), threadNames(streams.metadataForLocalThreads()),
                "the created threads are the ones that run");
        } finally {
            streams.close();
        }
        assertEquals(Set.of(), streams.metadataForLocalThreads(), "every thread is dead after close");
    }

    @Test
    void shouldCloseTheClientsOfThreadsNeverStarted() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", PARTITIONS);
        Properties props = props(log, "thread-metadata-unstarted");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        KafkaStreams streams = new KafkaStreams(passThrough(), props);
        streams.close();
        assertEquals(KafkaStreams.State.NOT_RUNNING, streams.state());
        assertEquals(0, streams.metrics().keySet().stream()
            .filter(name -> name.group().equals("stream-thread-metrics")).count(), "thread metrics dropped");
        // The closed client's ids are free again: a new client of the application reuses them and runs.
        try (KafkaStreams next = new KafkaStreams(passThrough(), props)) {
            next.start();
            awaitThreads(next, 2);
            Set<String> names = threadNames(next.metadataForLocalThreads());
            assertTrue(names.contains("thread-metadata-unstarted-1-StreamThread-1"), names.toString());
        }
    }

    private static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> { });
        return builder.build();
    }

    private static Properties props(EmbeddedLogFixture log, String applicationId) {
        Properties props = log.streamsProps(applicationId);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        return props;
    }

    /**
     * Waits until the client runs {@code count} threads, all RUNNING, that between them have every partition; a
     * RUNNING client alone is not enough, as a cooperative rebalance moves partitions in two steps.
     */
    private static void awaitThreads(KafkaStreams streams, int count) {
        EmbeddedLogFixture.await(() -> {
            if (streams.state() != KafkaStreams.State.RUNNING) {
                return false;
            }
            Set<ThreadMetadata> threads = streams.metadataForLocalThreads();
            int partitions = 0;
            for (ThreadMetadata thread : threads) {
                if (!thread.threadState().equals("RUNNING")) {
                    return false;
                }
                for (TaskMetadata task : thread.activeTasks()) {
                    partitions += task.topicPartitions().size();
                }
            }
            return threads.size() == count && partitions == PARTITIONS;
        }, TIMEOUT, count + " running threads sharing every partition");
    }

    private static Set<String> threadNames(Set<ThreadMetadata> threads) {
        Set<String> names = new HashSet<>();
        threads.forEach(thread -> names.add(thread.threadName()));
        return names;
    }

    private static Map<TopicPartition, Long> committedOffsets(Set<ThreadMetadata> threads) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        threads.forEach(thread -> thread.activeTasks().forEach(task -> offsets.putAll(task.committedOffsets())));
        return offsets;
    }

    private static Map<TopicPartition, Long> endOffsets(Set<ThreadMetadata> threads) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        threads.forEach(thread -> thread.activeTasks().forEach(task -> offsets.putAll(task.endOffsets())));
        return offsets;
    }

    private static Map<TopicPartition, Long> offsets(long... perPartition) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int p = 0; p < perPartition.length; p++) {
            offsets.put(new TopicPartition("in", p), perPartition[p]);
        }
        return offsets;
    }

    private static Set<TopicPartition> allPartitions() {
        return offsets(0, 0, 0, 0).keySet();
    }
}
