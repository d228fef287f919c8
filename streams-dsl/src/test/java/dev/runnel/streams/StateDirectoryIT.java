package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.processor.TaskId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application's local state directories: with {@code state.cleanup.delay.ms} a client deletes those its tasks left
 * behind when they moved to another instance, once unmodified for the delay, and never the directory of a task it runs,
 * active or standby; and an application with stores restricts them at start, as Kafka Streams does (KIP-1230).
 */
class StateDirectoryIT {
    private static final String APP = "statedir";

    @TempDir
    Path root;

    private EmbeddedLogFixture log;

    @BeforeEach
    void createLog() {
        log = new EmbeddedLogFixture(root);
        log.createTopic("input", 2);
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())).groupByKey().count();
        return builder.build();
    }

    private Properties props(Path stateDir) {
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATE_CLEANUP_DELAY_MS_CONFIG, 300L);
        return props;
    }

    private static Set<TaskId> activeTasks(KafkaStreams streams) {
        Set<TaskId> ids = new HashSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> ids.add(
            task.taskId())));
        return ids;
    }

    private static void backdate(Path directory) throws IOException {
        Files.setLastModifiedTime(directory, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    }

    @Test
    void deletesTheDirectoryOfATaskThatMovedAwayButNotOfTasksItRuns() throws IOException {
        Path stateA = root.resolve("state-a");
        Path appDirA = stateA.resolve(APP);
        try (KafkaStreams first = new KafkaStreams(topology(), props(stateA))) {
            first.start();
            EmbeddedLogFixture.awaitRunning(first);
            log.produce(List.of(new ProducerRecord<>("input", 0, 1_000L, "a", "1"),
                new ProducerRecord<>("input", 1, 1_000L, "b", "2")), Serdes.String().serializer(),
                Serdes.String().serializer());
            log.awaitProcessed(APP, List.of("input"), Duration.ofSeconds(15));
            assertTrue(Files.isDirectory(appDirA.resolve("0_0")) && Files.isDirectory(appDirA.resolve("0_1")));

            try (KafkaStreams second = new KafkaStreams(topology(), props(root.resolve("state-b")))) {
                second.start();
                EmbeddedLogFixture.await(() -> activeTasks(first).size() == 1 && activeTasks(second).size() == 1
                    && second.state() == KafkaStreams.State.RUNNING, Duration.ofSeconds(30),
                    "the two clients to share the two tasks");
                TaskId kept = activeTasks(first).iterator().next();
                TaskId moved = activeTasks(second).iterator().next();
                Path keptDir = appDirA.resolve(kept.toString());
                backdate(keptDir);
                // Created after the backdating: once a sweep deletes it, a sweep has seen the kept task's old date.
                Path leftByEarlierRun = Files.createDirectories(appDirA.resolve("3_7"));
                backdate(leftByEarlierRun);

                EmbeddedLogFixture.await(() -> !Files.exists(appDirA.resolve(moved.toString()))
                    && !Files.exists(leftByEarlierRun), Duration.ofSeconds(30),
                    "the first client to delete the directories of tasks it no longer runs");

                assertTrue(Files.isDirectory(keptDir), "the directory of a task the client runs stays, however old");
                assertEquals(Set.of(kept), activeTasks(first));
            }
        }
    }

    @Test
    void keepsTheDirectoriesOfStandbyTasks() throws IOException {
        Path stateA = root.resolve("state-a");
        Path stateB = root.resolve("state-b");
        Properties propsA = props(stateA);
        Properties propsB = props(stateB);
        propsA.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        propsB.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        try (KafkaStreams first = new KafkaStreams(topology(), propsA);
             KafkaStreams second = new KafkaStreams(topology(), propsB)) {
            first.start();
            second.start();
            List<Path> taskDirs = List.of(stateA.resolve(APP).resolve("0_0"), stateA.resolve(APP).resolve("0_1"),
                stateB.resolve(APP).resolve("0_0"), stateB.resolve(APP).resolve("0_1"));
            EmbeddedLogFixture.await(() -> EmbeddedLogFixture.standbyTaskIds(first).size() == 1
                && EmbeddedLogFixture.standbyTaskIds(second).size() == 1
                && first.state() == KafkaStreams.State.RUNNING && second.state() == KafkaStreams.State.RUNNING
                && taskDirs.stream().allMatch(Files::isDirectory), Duration.ofSeconds(30),
                "each client to run one task and stand by for the other, each in its directory");
            for (Path taskDir : taskDirs) {
                backdate(taskDir);
            }
            Path leftA = Files.createDirectories(stateA.resolve(APP).resolve("3_7"));
            Path leftB = Files.createDirectories(stateB.resolve(APP).resolve("3_7"));
            backdate(leftA);
            backdate(leftB);

            EmbeddedLogFixture.await(() -> !Files.exists(leftA) && !Files.exists(leftB), Duration.ofSeconds(30),
                "both clients to sweep after the task directories were back-dated");

            for (Path taskDir : taskDirs) {
                assertTrue(Files.isDirectory(taskDir), "an active or standby task's directory stays: " + taskDir);
            }
        }
    }

    private static Topology stateless() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())).filter((key, value) -> true);
        return builder.build();
    }

    private void run(Topology topology, Properties props) {
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
        }
    }

    private static String permissions(Path directory) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(directory));
    }

    @Test
    void onlyTheOwnerWritesTheStateDirectoriesByDefault() throws IOException {
        run(topology(), log.streamsProps(APP));

        assertEquals("rwxr-x---", permissions(log.stateDir()));
        assertEquals("rwxr-x---", permissions(log.stateDir().resolve(APP)));
    }

    @Test
    void theGroupWritesThemWhenAllowed() throws IOException {
        Files.createDirectories(log.stateDir());
        Files.setPosixFilePermissions(log.stateDir(), PosixFilePermissions.fromString("rwx------"));
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.ALLOW_OS_GROUP_WRITE_ACCESS_CONFIG, true);

        run(topology(), props);

        assertEquals("rwxrwx---", permissions(log.stateDir()), "an existing state.dir is changed too");
        assertEquals("rwxrwx---", permissions(log.stateDir().resolve(APP)));
    }

    @Test
    void aStatelessApplicationCreatesNoStateDirectory() {
        run(stateless(), log.streamsProps(APP));

        assertFalse(Files.exists(log.stateDir().resolve(APP)));
    }

    @Test
    void cleanUpRefusesWhileAnotherClientOfTheProcessRunsTasksInTheDirectory() throws IOException {
        Path stateDir = root.resolve("shared");
        try (KafkaStreams running = new KafkaStreams(topology(), props(stateDir));
             KafkaStreams stopped = new KafkaStreams(topology(), props(stateDir))) {
            running.start();
            EmbeddedLogFixture.awaitRunning(running);
            EmbeddedLogFixture.await(() -> Files.isDirectory(stateDir.resolve(APP).resolve("0_0")),
                Duration.ofSeconds(15), "the running client's task directory");

            IllegalStateException refused = assertThrows(IllegalStateException.class, stopped::cleanUp);
            assertTrue(refused.getMessage().contains(stateDir.resolve(APP).toString())
                && refused.getMessage().endsWith("close it first"), refused.getMessage());
            assertTrue(Files.isDirectory(stateDir.resolve(APP).resolve("0_0")), "nothing was deleted");

            running.close();
            Path leftAside = Files.createDirectories(stateDir.resolve(APP + ".12345.deleted").resolve("0_0"));
            stopped.cleanUp();
            assertFalse(Files.exists(stateDir.resolve(APP)));
            try (var left = Files.list(stateDir)) {
                assertEquals(List.of(), left.toList(), "nothing left aside, also by an earlier failed cleanUp(): "
                    + leftAside);
            }
        }
    }

    @Test
    void cleanUpSeesTheTasksOfAClientThatNamesTheDirectoryThroughALink() throws IOException {
        Path stateDir = Files.createDirectories(root.resolve("real"));
        Path link = Files.createSymbolicLink(root.resolve("link"), stateDir);
        try (KafkaStreams running = new KafkaStreams(topology(), props(link));
             KafkaStreams stopped = new KafkaStreams(topology(), props(stateDir))) {
            running.start();
            EmbeddedLogFixture.awaitRunning(running);
            EmbeddedLogFixture.await(() -> Files.isDirectory(stateDir.resolve(APP).resolve("0_0")),
                Duration.ofSeconds(15), "the running client's task directory");

            assertThrows(IllegalStateException.class, stopped::cleanUp);
            assertTrue(Files.isDirectory(stateDir.resolve(APP).resolve("0_0")), "nothing was deleted");
        }
    }
}
