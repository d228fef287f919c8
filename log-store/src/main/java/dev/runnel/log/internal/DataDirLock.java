package dev.runnel.log.internal;

import dev.runnel.common.errors.KafkaStorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive claim of one process on a data folder: an OS file lock on {@code .lock}, which holds the owner's
 * pid so that a second process can say who owns it. The OS drops the lock when the process dies, even by SIGKILL.
 */
public final class DataDirLock implements AutoCloseable {
    static final String LOCK_FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or throws {@link KafkaStorageException} naming the pid that holds it. */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String owner = readOwner(channel);
                channel.close();
                throw new KafkaStorageException("Data directory " + dataDir + " is in use by process " + owner
                    + "; stop that process or choose another --data-dir");
            }
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(true);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new KafkaStorageException("Cannot lock data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return pid.isEmpty() ? "(unknown pid)" : pid;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The original failure is what the caller needs to see.
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new KafkaStorageException("Cannot release the data directory lock: " + e.getMessage(), e);
        }
    }
}
