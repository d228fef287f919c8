package dev.runnel.streams.internal.runtime;

import dev.runnel.common.utils.Directories;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.errors.TaskIdFormatException;
import dev.runnel.streams.processor.TaskId;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the task directories of an application's local state ({@code <state.dir>/<application.id>/<taskId>}) that no
 * task of this process has open and that nothing modified for a while, as Kafka Streams' state directory cleaner does:
 * once at start those older than {@code state.cleanup.dir.max.age.ms} (KIP-1259; if set), then every
 * {@code state.cleanup.delay.ms} those untouched for that long, which tasks left behind when they moved to other
 * instances, but only while the client runs, as in Kafka Streams: during a rebalance a task closed dirty (its
 * directory's date not refreshed) may be about to come back. Only directories named by a task id are candidates; the
 * global stores' directory and the lock files stay. Thread-safe: sweeps run on the cleaner's own thread, or on the
 * caller's at start.
 */
public final class StateDirectoryCleaner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateDirectoryCleaner.class);
    /** How long closing waits for a sweep in progress, which only deletes files. */
    private static final long CLOSE_WAIT_MS = 10_000;

    private final String clientId;
    private final Path applicationDir;
    private final Time time;
    private final BooleanSupplier clientRunning;
    private ScheduledExecutorService executor;
    private boolean closed;

    /**
     * Creates the cleaner of {@code applicationDir}, whose periodic sweeps run only while {@code clientRunning}; it
     * does nothing until {@link #start}.
     */
    public StateDirectoryCleaner(String clientId, Path applicationDir, Time time, BooleanSupplier clientRunning) {
        this.clientId = clientId;
        this.applicationDir = applicationDir;
        this.time = time;
        this.clientRunning = clientRunning;
    }

    /**
     * Deletes, now, the unclaimed task directories older than {@code maxAgeMs} if it is not negative, then sweeps every
     * {@code delayMs} on a thread of its own until {@link #close}. Does nothing once closed.
     */
    public synchronized void start(long maxAgeMs, long delayMs) {
        if (closed) {
            return;
        }
        if (maxAgeMs >= 0) {
            deleteOlderThan(maxAgeMs, "older than state.cleanup.dir.max.age.ms");
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, clientId + "-CleanupThread");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(() -> sweep(delayMs), delayMs, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Runs one periodic sweep, if the client runs. */
    void sweep(long delayMs) {
        if (!clientRunning.getAsBoolean()) {
            return;
        }
        try {
            deleteOlderThan(delayMs, "obsolete, state.cleanup.delay.ms");
        } catch (RuntimeException e) {
            // An exception would cancel every later sweep without a word.
            LOG.warn("Client {}: the state directory cleaner failed a sweep: {}", clientId, e.toString());
        }
    }

    /**
     * Deletes the task directories that no task of this process claims and that were last modified more than
     * {@code ageMs} ago, and what an earlier sweep failed to delete; logs and skips one it cannot delete.
     *
     * @return the number of task directories deleted
     */
    int deleteOlderThan(long ageMs, String reason) {
        long now = time.milliseconds();
        int deleted = 0;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(applicationDir, Files::isDirectory)) {
            for (Path directory : children) {
                if (isTask(directory)) {
                    deleted += deleteIfOlder(directory, now, ageMs, reason) ? 1 : 0;
                } else if (directory.getFileName().toString().endsWith(TaskDirectoryClaims.SET_ASIDE_SUFFIX)) {
                    delete(directory);
                }
            }
        } catch (NoSuchFileException e) {
            // No task has written local state yet.
        } catch (IOException | DirectoryIteratorException e) {
            LOG.warn("Could not list the task directories of {}: {}", applicationDir, e.toString());
        }
        return deleted;
    }

    private boolean deleteIfOlder(Path directory, long now, long ageMs, String reason) {
        Path setAside;
        try {
            setAside = TaskDirectoryClaims.setAsideIfUnclaimed(directory,
                candidate -> now - lastModifiedMs(candidate) > ageMs);
        } catch (IOException e) {
            LOG.warn("Could not set the state directory {} aside for deletion: {}", directory, e.toString());
            return false;
        }
        if (setAside == null) {
            return false;
        }
        LOG.info("Client {} deletes the state directory {} of task {}: unused, and not modified for more than {} ms"
            + " ({})", clientId, directory, directory.getFileName(), ageMs, reason);
        delete(setAside);
        return true;
    }

    private static void delete(Path directory) {
        try {
            Directories.deleteRecursively(directory);
        } catch (IOException e) {
            LOG.warn("Could not delete {}; the next sweep tries again: {}", directory, e.toString());
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
