package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.utils.Time;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryCleanerTest {
    private static final long HOUR_MS = 3_600_000L;

    @TempDir
    Path applicationDir;

    private final AtomicBoolean clientRunning = new AtomicBoolean(true);
    private StateDirectoryCleaner cleaner;

    @BeforeEach
    void createCleaner() {
        cleaner = new StateDirectoryCleaner("client", applicationDir, Time.SYSTEM, clientRunning::get);
    }

    @AfterEach
    void closeCleaner() {
        cleaner.close();
    }

    /** Creates a task-like directory holding a checkpoint, last modified {@code ageMs} ago. */
    private Path directory(String name, long ageMs) throws IOException {
        Path directory = Files.createDirectories(applicationDir.resolve(name));
        Files.writeString(directory.resolve(".checkpoint"), "0\n0\n");
        Files.setLastModifiedTime(directory, FileTime.fromMillis(System.currentTimeMillis() - ageMs));
        return directory;
    }

    @Test
    void shouldDeleteUnclaimedTaskDirectoriesUnmodifiedForLongerThanTheAge() throws IOException {
        Path old = directory("0_1", 2 * HOUR_MS);
        Path recent = directory("0_2", 0);

        assertEquals(1, cleaner.deleteOlderThan(HOUR_MS, "test"));

        assertFalse(Files.exists(old), "an unclaimed task directory older than the age is deleted");
        assertTrue(Files.exists(recent.resolve(".checkpoint")), "a recently modified one stays");
        try (var left = Files.list(applicationDir)) {
            assertEquals(1, left.count(), "nothing of the deleted one is left behind");
        }
    }

    @Test
    void shouldKeepClaimedDirectoriesUntilEveryClaimIsReleased() throws IOException {
        Path shared = directory("1_0", 2 * HOUR_MS);
        TaskDirectoryClaims.Claim standby = TaskDirectoryClaims.claim(shared);
        // The same directory through another spelling of its path, as a second client sharing the state dir has it.
        TaskDirectoryClaims.Claim active = TaskDirectoryClaims.claim(applicationDir.resolve("x/../1_0"));
        try {
            assertEquals(0, cleaner.deleteOlderThan(HOUR_MS, "test"), "a directory a task has open stays");

            standby.close();
            standby.close();
            assertEquals(0, cleaner.deleteOlderThan(HOUR_MS, "test"),
                "one claim released twice does not release the other");

            active.close();
            assertEquals(1, cleaner.deleteOlderThan(HOUR_MS, "test"), "released by all its tasks, it is deleted");
            assertFalse(Files.exists(shared));
        } finally {
            standby.close();
            active.close();
        }
    }

    @Test
    void shouldConsiderOnlyTaskDirectories() throws IOException {
        Path global = directory("global", 2 * HOUR_MS);
        Path other = directory("notes", 2 * HOUR_MS);
        Path malformed = directory("1_x", 2 * HOUR_MS);
        Path file = Files.writeString(applicationDir.resolve("0_9"), "a file named like a task");
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));

        assertEquals(0, cleaner.deleteOlderThan(HOUR_MS, "test"));

        assertTrue(Files.exists(global) && Files.exists(other) && Files.exists(malformed) && Files.exists(file),
            "the global stores' directory, other names and files stay");
    }

    @Test
    void shouldDeleteWhatAnEarlierSweepSetAsideButCouldNotDelete() throws IOException {
        Path leftover = directory("0_3.12345" + TaskDirectoryClaims.SET_ASIDE_SUFFIX, 0);

        cleaner.deleteOlderThan(HOUR_MS, "test");

        assertFalse(Files.exists(leftover));
    }

    @Test
    void shouldDeleteDirectoriesOlderThanTheMaxAgeAtStart() throws IOException {
        Path stale = directory("0_0", 2 * HOUR_MS);
        Path fresh = directory("0_1", 0);

        cleaner.start(HOUR_MS, HOUR_MS);

        assertFalse(Files.exists(stale), "deleted before start returns, so no task restores from it");
        assertTrue(Files.exists(fresh));
    }

    @Test
    void shouldSweepOnlyWhileTheClientRuns() throws IOException {
        Path old = directory("0_0", 2 * HOUR_MS);

        clientRunning.set(false);
        cleaner.sweep(HOUR_MS);
        assertTrue(Files.exists(old), "a rebalancing client may be about to get the task back");

        clientRunning.set(true);
        cleaner.sweep(HOUR_MS);
        assertFalse(Files.exists(old));
    }

    @Test
    void shouldTakeAMissingApplicationDirectoryForNoTasks() {
        StateDirectoryCleaner missing = new StateDirectoryCleaner("client", applicationDir.resolve("none"),
            Time.SYSTEM, () -> true);

        assertEquals(0, missing.deleteOlderThan(0, "test"));

        assertFalse(Files.exists(applicationDir.resolve("none")));
    }

    @Test
    void shouldNotStartOnceClosed() throws IOException {
        Path old = directory("0_0", 2 * HOUR_MS);

        cleaner.close();
        cleaner.start(0, 10);

        assertTrue(Files.exists(old), "closed before start, as a client closed before it started");
    }
}
