package dev.runnel.log.internal.txn;

import dev.runnel.common.errors.KafkaStorageException;
import dev.runnel.log.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hands out producer ids unique across restarts of the log: ids come from blocks of {@value #BLOCK_SIZE}, and the
 * end of the current block is written (atomically, fsynced) to {@code DATA_DIR/.meta/producer-ids} before any id of
 * it is used, so a restart continues after the last reserved block. Thread-safe.
 */
final class ProducerIdAllocator {
    static final int BLOCK_SIZE = 1000;
    static final String FILE_NAME = "producer-ids";

    private final Path file;
    private long next;
    private long blockEnd;

    ProducerIdAllocator(Path metaDir) {
        this.file = metaDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(metaDir);
            long reserved = Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim())
                : 0L;
            this.next = reserved;
            this.blockEnd = reserved;
        } catch (IOException | NumberFormatException e) {
            throw new KafkaStorageException("Cannot read the producer id block file " + file + ": " + e, e);
        }
    }

    synchronized long allocate() {
        if (next == blockEnd) {
            long end = blockEnd + BLOCK_SIZE;
            try {
                AtomicFiles.write(file, Long.toString(end).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new KafkaStorageException("Cannot reserve producer ids in " + file + ": " + e, e);
            }
            blockEnd = end;
        }
        return next++;
    }
}
