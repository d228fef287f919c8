package dev.runnel.streams.internal.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on a state directory (its {@code .lock} file), held by the one instance that may read and write
 * the directory's checkpoint and snapshots. It excludes other processes and other clients of this process alike.
 * Not thread-safe; owned by the thread that acquired it.
 */
final class StateDirectoryLock implements AutoCloseable {
    static final String LOCK_FILE = ".lock";
    private static final Logger LOG = LoggerFactory.getLogger(StateDirectoryLock.class);

    private final FileChannel channel;

    private StateDirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates {@code directory} if needed and locks it; returns {@code null} if it is locked already or unusable. */
    static StateDirectoryLock tryAcquire(Path directory) {
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new StateDirectoryLock(channel);
            }
        } catch (OverlappingFileLockException e) {
            // Another client of this process holds it: the JVM tracks its own locks per file.
        } catch (IOException e) {
            LOG.warn("Could not lock state directory {}: {}", directory, e.toString());
        }
        closeQuietly(channel);
        return null;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Could not close a state directory lock file: {}", e.toString());
        }
    }

    /** Releases the lock (closing the channel releases it). */
    @Override
    public void close() {
        closeQuietly(channel);
    }
}
