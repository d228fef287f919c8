package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.integration.WordCountTopology;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of one application in one process share its tasks and take over each other's. */
class KafkaStreamsRebalanceIT {
    private static final Set<TaskId> ALL_TASKS = Set.of(new TaskId(0, 0), new TaskId(0, 1), new TaskId(1, 0),
        new TaskId(1, 1), new TaskId(1, 2), new TaskId(1, 3));

    @TempDir
    Path root;

    @Test
    void shouldSplitTasksBetweenInstancesAndTakeThemOverOnClose() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("lines", 2);
        log.createTopic("words", 4);
        log.createTopic("counts", 4);
        KafkaStreams first = new KafkaStreams(WordCountTopology.build("lines", "words", "counts"),
            log.streamsProps("shared"));
        KafkaStreams second = new KafkaStreams(WordCountTopology.build("lines", "words", "counts"),
            log.streamsProps("shared"));
        try {
            first.start();
            second.start();
            EmbeddedLogFixture.await(() -> first.state() == KafkaStreams.State.RUNNING
                    && second.state() == KafkaStreams.State.RUNNING && !first.activeTaskIds().isEmpty()
                    && !second.activeTaskIds().isEmpty()
                    && first.activeTaskIds().size() + second.activeTaskIds().size() == ALL_TASKS.size(),
                Duration.ofSeconds(15), "both instances running with tasks");
            Set<TaskId> union = new HashSet<>(first.activeTaskIds());
            union.addAll(second.activeTaskIds());
            assertEquals(ALL_TASKS, union, "every task runs somewhere");
            assertFalse(first.activeTaskIds().stream().anyMatch(second.activeTaskIds()::contains), "disjoint");
            assertEquals(3, first.activeTaskIds().size(), "balanced");

            log.produce("lines", List.of(KeyValue.pair("1", "a b c d e f"), KeyValue.pair("2", "a b c d e f")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
            EmbeddedLogFixture.await(() -> outputs(log) == 12, Duration.ofSeconds(15), "12 counts");

            first.close();
            EmbeddedLogFixture.await(() -> second.activeTaskIds().equals(ALL_TASKS)
                    && second.state() == KafkaStreams.State.RUNNING, Duration.ofSeconds(15),
                "the second instance takes over every task");
            log.produce("lines", List.of(KeyValue.pair("3", "a b c d e f")), Serdes.String().serializer(),
                Serdes.String().serializer(), 2_000L);
            EmbeddedLogFixture.await(() -> outputs(log) == 18, Duration.ofSeconds(15), "18 counts");
            Map<String, List<Long>> perWord = log.readPerKey("counts", Serdes.Long().deserializer(), false);
            for (String word : List.of("a", "b", "c", "d", "e", "f")) {
                assertEquals(List.of(1L, 2L, 3L), perWord.get(word), "state moved with the task of " + word);
            }
            assertTrue(second.close(Duration.ofSeconds(10)));
            assertEquals(KafkaStreams.State.NOT_RUNNING, second.state());
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void shouldKeepRunningTheTasksAnInstanceKeepsWhenASecondOneJoins() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("events", 4);
        Map<TaskId, AtomicInteger> inits = new ConcurrentHashMap<>();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    super.init(context);
                    inits.computeIfAbsent(context.taskId(), id -> new AtomicInteger()).incrementAndGet();
                }

                @Override
                public void process(Record<String, String> record) {
                }
            });
        Topology topology = builder.build();
        KafkaStreams first = new KafkaStreams(topology, log.streamsProps("cooperative"));
        KafkaStreams second = new KafkaStreams(topology, log.streamsProps("cooperative"));
        try {
            first.start();
            EmbeddedLogFixture.await(() -> first.state() == KafkaStreams.State.RUNNING
                && first.activeTaskIds().size() == 4, Duration.ofSeconds(15), "the first instance runs every task");
            second.start();
            EmbeddedLogFixture.await(() -> first.state() == KafkaStreams.State.RUNNING
                    && second.state() == KafkaStreams.State.RUNNING && first.activeTaskIds().size() == 2
                    && second.activeTaskIds().size() == 2, Duration.ofSeconds(15), "two tasks each");
            for (TaskId kept : first.activeTaskIds()) {
                assertEquals(1, inits.get(kept).get(), "task " + kept + " kept running on the first instance");
            }
            for (TaskId moved : second.activeTaskIds()) {
                assertEquals(2, inits.get(moved).get(), "task " + moved + " moved once");
            }
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void shouldHandTasksOverExactlyOnceWhileRecordsKeepComing() throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("lines", 2);
        log.createTopic("words", 4);
        log.createTopic("counts", 4);
        Properties props = log.streamsProps("eos-handover");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        KafkaStreams first = new KafkaStreams(WordCountTopology.build("lines", "words", "counts"), props);
        KafkaStreams second = new KafkaStreams(WordCountTopology.build("lines", "words", "counts"), props);
        int lines = 400;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < lines; i++) {
                log.produce("lines", List.of(KeyValue.pair(Integer.toString(i), "a b c d e f")),
                    Serdes.String().serializer(), Serdes.String().serializer(), 1_000L + i);
                sleep(5);
            }
        });
        try {
            first.start();
            second.start();
            EmbeddedLogFixture.await(() -> first.state() == KafkaStreams.State.RUNNING
                    && second.state() == KafkaStreams.State.RUNNING
                    && first.activeTaskIds().size() + second.activeTaskIds().size() == ALL_TASKS.size(),
                Duration.ofSeconds(15), "both instances running with tasks");
            producer.start();
            sleep(700);
            // Closed mid-stream: its open transactions are committed or aborted, and the other instance goes on
            // from the committed offsets and the changelogs.
            first.close();
            producer.join();
            EmbeddedLogFixture.await(() -> committedCounts(log).values().stream().allMatch(c -> c.size() == lines)
                    && committedCounts(log).size() == 6, Duration.ofSeconds(30), "every word counted " + lines
                + " times");
            List<Long> expected = LongStream.rangeClosed(1, lines).boxed().toList();
            committedCounts(log).forEach((word, counts) ->
                assertEquals(expected, counts, "each count of " + word + " once, none skipped"));
        } finally {
            producer.join();
            first.close();
            second.close();
        }
    }

    /**
     * A member that has joined a rebalance and is still processing when the group completes it (its assignment waits
     * for its next poll) does not commit until it has polled, as Kafka Streams does not commit while a rebalance is
     * in progress: the commit the group would refuse does not fail the thread.
     */
    @Test
    void shouldNotFailACommitWhileItsRebalanceWaitsForTheNextPoll() throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("events", 2);
        Map<String, CountDownLatch> blocked = new ConcurrentHashMap<>();
        Map<String, CountDownLatch> released = new ConcurrentHashMap<>();
        for (String name : List.of("first", "second")) {
            blocked.put(name, new CountDownLatch(1));
            released.put(name, new CountDownLatch(1));
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new ContextualProcessor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                    // A record names the instance it holds in process() until the test lets it go, then asks for
                    // a commit, which the thread makes before it polls again.
                    blocked.get(record.value()).countDown();
                    await(released.get(record.value()));
                    context().commit();
                }
            });
        Topology topology = builder.build();
        Properties props = log.streamsProps("mid-rebalance");
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 60_000);
        KafkaStreams first = new KafkaStreams(topology, props);
        KafkaStreams second = new KafkaStreams(topology, props);
        KafkaStreams third = new KafkaStreams(topology, props);
        List<KafkaStreams.State> firstStates = new CopyOnWriteArrayList<>();
        first.setStateListener((newState, oldState) -> firstStates.add(newState));
        try {
            first.start();
            EmbeddedLogFixture.await(() -> first.activeTaskIds().size() == 2, Duration.ofSeconds(15),
                "the first instance runs both tasks");
            second.start();
            EmbeddedLogFixture.await(() -> first.state() == KafkaStreams.State.RUNNING
                    && second.state() == KafkaStreams.State.RUNNING && first.activeTaskIds().size() == 1
                    && second.activeTaskIds().size() == 1, Duration.ofSeconds(15), "one task each");
            int firstPartition = first.activeTaskIds().iterator().next().partition();
            int secondPartition = second.activeTaskIds().iterator().next().partition();

            // The second instance stops polling, so the rebalance the third one starts waits for it...
            produce(log, secondPartition, "second");
            assertTrue(blocked.get("second").await(15, TimeUnit.SECONDS), "the second instance is held");
            third.start();
            EmbeddedLogFixture.awaitPolls(third, 1, Duration.ofSeconds(15), "the third instance joins");
            // ...while the first one joins it, and holds a record in process()...
            EmbeddedLogFixture.awaitPolls(first, 2, Duration.ofSeconds(15), "the first instance joins");
            produce(log, firstPartition, "first");
            assertTrue(blocked.get("first").await(15, TimeUnit.SECONDS), "the first instance is held");
            // ...when the second one joins too and completes the rebalance.
            released.get("second").countDown();
            EmbeddedLogFixture.awaitPolls(second, 2, Duration.ofSeconds(15), "the second instance rejoins");
            released.get("first").countDown();

            // Both held records are committed (by the first instance, or by the owner of its task after it).
            log.awaitProcessed("mid-rebalance", List.of("events"), Duration.ofSeconds(15));
            assertFalse(firstStates.contains(KafkaStreams.State.PENDING_ERROR), "the first instance kept running: "
                + firstStates);
            EmbeddedLogFixture.await(() -> first.state() == KafkaStreams.State.RUNNING
                    && second.state() == KafkaStreams.State.RUNNING && third.state() == KafkaStreams.State.RUNNING,
                Duration.ofSeconds(15), "all three running");
        } finally {
            released.values().forEach(CountDownLatch::countDown);
            first.close();
            second.close();
            third.close();
        }
    }

    private static void produce(EmbeddedLogFixture log, int partition, String value) {
        log.produce(List.of(new ProducerRecord<>("events", partition, 1_000L, "key", value)),
            Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The running counts per word, as a read_committed consumer sees them. */
    private static Map<String, List<Long>> committedCounts(EmbeddedLogFixture log) {
        return log.readPerKey("counts", Serdes.Long().deserializer(), true);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int outputs(EmbeddedLogFixture log) {
        return log.readAll("counts", Serdes.String().deserializer(), Serdes.Long().deserializer(), false).size();
    }
}
