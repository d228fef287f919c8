package dev.runnel.log.internal.cleaner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanerCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void shouldRoundTripAndReplaceAtomically() throws IOException {
        assertTrue(CleanerCheckpoint.read(dir).isEmpty());
        new CleanerCheckpoint(42, -1).write(dir);
        new CleanerCheckpoint(97, 1_700_000_000_000L).write(dir);
        assertEquals(Optional.of(new CleanerCheckpoint(97, 1_700_000_000_000L)), CleanerCheckpoint.read(dir));
        assertFalse(Files.exists(dir.resolve(CleanerCheckpoint.FILE_NAME + ".tmp")));
    }

    @Test
    void shouldIgnoreUnreadableCheckpoint() throws IOException {
        Files.writeString(dir.resolve(CleanerCheckpoint.FILE_NAME), "0\nnot-a-number\n");
        assertTrue(CleanerCheckpoint.read(dir).isEmpty());
        Files.writeString(dir.resolve(CleanerCheckpoint.FILE_NAME), "7\n1\n-1\n");
        assertTrue(CleanerCheckpoint.read(dir).isEmpty(), "unknown version");
    }
}
