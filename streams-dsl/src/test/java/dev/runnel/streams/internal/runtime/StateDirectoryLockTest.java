package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryLockTest {
    @TempDir
    Path root;

    @Test
    void shouldGrantTheDirectoryToOneHolderAtATime() {
        Path dir = root.resolve("app").resolve("global");
        StateDirectoryLock first = StateDirectoryLock.tryAcquire(dir);
        assertNotNull(first, "creates and locks the directory");
        assertNull(StateDirectoryLock.tryAcquire(dir), "a second holder in this process is refused");
        first.close();
        StateDirectoryLock again = StateDirectoryLock.tryAcquire(dir);
        assertNotNull(again, "closing releases the lock");
        again.close();
    }
}
