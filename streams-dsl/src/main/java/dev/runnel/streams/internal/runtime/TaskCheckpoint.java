package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's local state files in {@code <state.dir>/<application.id>/<taskId>/}: the {@code .checkpoint} file (per
 * changelog partition, the changelog offset the local state covers) and one snapshot per in-memory key-value store
 * ({@code <store>.snapshot}), written together on a clean close. On the next start of the task a store loads its
 * snapshot and replays only the changelog after the checkpointed offset. Both files are written to a temporary name
 * and moved into place, the checkpoint last, so a crash leaves either the old pair or the new one.
 *
 * <p>Checkpoint file, text, as Kafka's {@code OffsetCheckpoint}:
 * <pre>
 *  0                      version
 *  N                      number of entries
 *  topic partition offset one line per changelog partition
 * </pre>
 * Snapshot file, binary, big-endian:
 * <pre>
 *  0  magic      int32   0x534E4150 ("SNAP")
 *  4  count      int64   number of entries
 *  12 entries            count times: keyLength int32, key, valueLength int32, value
 *  .. crc        int64   CRC32 of everything before it
 * </pre>
 * Not thread-safe; used by the task's thread.
 */
final class TaskCheckpoint {
    static final String CHECKPOINT_FILE = ".checkpoint";
    static final String SNAPSHOT_SUFFIX = ".snapshot";
    private static final int VERSION = 0;
    private static final int SNAPSHOT_MAGIC = 0x534E4150;
    private static final Logger LOG = LoggerFactory.getLogger(TaskCheckpoint.class);

    private final Path directory;

    TaskCheckpoint(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** Returns the checkpointed offsets, or an empty map if there is no (readable) checkpoint. */
    Map<TopicPartition, Long> read() {
        Path file = directory.resolve(CHECKPOINT_FILE);
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || Integer.parseInt(lines.get(0).trim()) != VERSION) {
                throw new IOException("unknown version or truncated header");
            }
            int count = Integer.parseInt(lines.get(1).trim());
            if (lines.size() < 2 + count) {
                throw new IOException("expected " + count + " entries, found " + (lines.size() - 2));
            }
            Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String[] parts = lines.get(2 + i).trim().split(" ");
                offsets.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
            }
            return offsets;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Checkpoint file {} is unreadable ({}); the task's state is restored from its changelogs", file,
                e.toString());
            return Map.of();
        }
    }

    /** Writes the snapshots of {@code stores}, then the checkpoint with {@code offsets}. */
    void write(Map<TopicPartition, Long> offsets, Map<String, KeyValueStore<Bytes, byte[]>> stores) {
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, KeyValueStore<Bytes, byte[]>> store : stores.entrySet()) {
                writeSnapshot(store.getKey(), store.getValue());
            }
            StringBuilder text = new StringBuilder().append(VERSION).append('\n').append(offsets.size()).append('\n');
            for (Map.Entry<TopicPartition, Long> entry : offsets.entrySet()) {
                text.append(entry.getKey().topic()).append(' ').append(entry.getKey().partition()).append(' ')
                    .append(entry.getValue()).append('\n');
            }
            Path tmp = directory.resolve(CHECKPOINT_FILE + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, directory.resolve(CHECKPOINT_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StreamsException("Could not write checkpoint in " + directory + ": " + e, e);
        }
    }

    private void writeSnapshot(String storeName, KeyValueStore<Bytes, byte[]> store) throws IOException {
        Path tmp = directory.resolve(storeName + SNAPSHOT_SUFFIX + ".tmp");
        CRC32 crc = new CRC32();
        try (OutputStream file = Files.newOutputStream(tmp);
             CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16), crc);
             DataOutputStream out = new DataOutputStream(checked);
             KeyValueIterator<Bytes, byte[]> entries = store.all()) {
            out.writeInt(SNAPSHOT_MAGIC);
            out.writeLong(store.approximateNumEntries());
            long written = 0;
            while (entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                byte[] key = entry.key.get();
                out.writeInt(key.length);
                out.write(key);
                out.writeInt(entry.value.length);
                out.write(entry.value);
                written++;
            }
            if (written != store.approximateNumEntries()) {
                throw new IOException("store " + storeName + " changed while it was written");
            }
            out.flush();
            new DataOutputStream(file).writeLong(crc.getValue());
        }
        Files.move(tmp, directory.resolve(storeName + SNAPSHOT_SUFFIX), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Loads a store's snapshot through its restore callback.
     *
     * @return the number of entries loaded, or -1 if there is no valid snapshot (then nothing was loaded)
     */
    long loadSnapshot(String storeName, StateRestoreCallback callback) {
        Path file = directory.resolve(storeName + SNAPSHOT_SUFFIX);
        if (!Files.exists(file)) {
            return -1;
        }
        try {
            if (!crcMatches(file)) {
                throw new IOException("CRC mismatch");
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                1 << 16))) {
                if (in.readInt() != SNAPSHOT_MAGIC) {
                    throw new IOException("bad magic");
                }
                long count = in.readLong();
                for (long i = 0; i < count; i++) {
                    byte[] key = new byte[in.readInt()];
                    in.readFully(key);
                    byte[] value = new byte[in.readInt()];
                    in.readFully(value);
                    callback.restore(key, value);
                }
                return count;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Snapshot {} is unreadable ({}); the store is restored from its changelog", file, e.toString());
            return -1;
        }
    }

    private static boolean crcMatches(Path file) throws IOException {
        long size = Files.size(file);
        if (size < Long.BYTES) {
            return false;
        }
        CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(file);
             CheckedInputStream in = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc)) {
            byte[] buffer = new byte[1 << 16];
            long remaining = size - Long.BYTES;
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw new EOFException();
                }
                remaining -= read;
            }
            long computed = crc.getValue();
            return new DataInputStream(in).readLong() == computed;
        }
    }

    /** Deletes the checkpoint and snapshots, so the next start restores from the changelogs only. */
    void wipe() {
        try {
            if (Files.isDirectory(directory)) {
                try (var files = Files.list(directory)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not wipe task state in {}: {}", directory, e.toString());
        }
    }
}
