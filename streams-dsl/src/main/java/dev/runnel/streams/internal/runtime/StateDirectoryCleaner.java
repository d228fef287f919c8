package dev.runnel.streams.internal.runtime;

import dev.runnel.common.utils.Time;
import dev.runnel.streams.errors.TaskIdFormatException;
import dev.runnel.streams.processor.TaskId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the task directories of an application's local state ({@code <state.dir>/<application.id>/<taskId>}) that no
 * task of this process has open and that nothing modified for a while, as Kafka Streams' state directory cleaner does:
 * once at start those older than {@code state.cleanup.dir.max.age.ms} (KIP-1259; if set), then every
 * {@code state.cleanup.delay.ms} those untouched for that long, which tasks left behind when they moved to other
 * instances. Only directories named by a task id are candidates; the global stores' directory and the lock files stay.
 * Thread-safe: sweeps run on the cleaner's own thread, or on the caller's at start.
 */
public final class StateDirectoryCleaner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateDirectoryCleaner.class);
    /** How long closing waits for a sweep in progress, which only deletes files. */
    private static final long CLOSE_WAIT_MS = 10_000;

    private final String clientId;
    private final Path applicationDir;
    private final Time time;
    private ScheduledExecutorService executor;
    private boolean closed;

    /** Creates the cleaner of {@code applicationDir}; it does nothing until {@link #start}. */
    public StateDirectoryCleaner(String clientId, Path applicationDir, Time time) {
        this.clientId = clientId;
        this.applicationDir = applicationDir;
        this.time = time;
    }

    /**
     * Deletes, now, the unclaimed task directories older than {@code maxAgeMs} if it is not negative, then sweeps every
     * {@code delayMs} (if positive) on a thread of its own until {@link #close}. Does nothing once closed.
     */
    public synchronized void start(long maxAgeMs, long delayMs) {
        if (closed) {
            return;
        }
        if (maxAgeMs >= 0) {
            deleteOlderThan(maxAgeMs, "older than state.cleanup.dir.max.age.ms");
        }
        if (delayMs <= 0) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, clientId + "-CleanupThread");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(() -> deleteOlderThan(delayMs, "obsolete, state.cleanup.delay.ms"), delayMs,
            delayMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Deletes the task directories that no task of this process claims and that were last modified more than
     * {@code ageMs} ago; logs and skips one it cannot delete.
     */
    void deleteOlderThan(long ageMs, String reason) {
        long now = time.milliseconds();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(applicationDir, StateDirectoryCleaner::isTask)) {
            for (Path directory : children) {
                deleteIfOlder(directory, now, ageMs, reason);
            }
        } catch (NoSuchFileException e) {
            // No task has written local state yet.
        } catch (IOException e) {
            LOG.warn("Could not list the task directories of {}: {}", applicationDir, e.toString());
        }
    }

    private void deleteIfOlder(Path directory, long now, long ageMs, String reason) {
        try {
            boolean deleted = TaskDirectoryClaims.deleteIfUnclaimed(directory,
                candidate -> now - lastModifiedMs(candidate) > ageMs);
            if (deleted) {
                LOG.info("Client {} deleted the state directory {} of task {}: unused, and not modified for more than"
                    + " {} ms ({})", clientId, directory, directory.getFileName(), ageMs, reason);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete the state directory {}: {}", directory, e.toString());
        }
    }

    private static long lastModifiedMs(Path directory) {
        try {
            return Files.getLastModifiedTime(directory).toMillis();
        } catch (IOException e) {
            // Gone already, or unreadable: not a candidate.
            return Long.MAX_VALUE;
        }
    }

    private static boolean isTask(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try {
            TaskId.parse(path.getFileName().toString());
            return true;
        } catch (TaskIdFormatException e) {
            return false;
        }
    }

    /** Stops the sweeps, waiting a bounded time for one in progress. */
    @Override
    public synchronized void close() {
        closed = true;
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Client {}: the state directory cleaner did not stop within {} ms", clientId, CLOSE_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
