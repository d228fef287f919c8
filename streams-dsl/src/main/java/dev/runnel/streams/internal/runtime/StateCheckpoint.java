package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
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
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint and snapshots of one state directory: a task's ({@code <state.dir>/<application.id>/<taskId>/}) or
 * the global stores' ({@code <state.dir>/<application.id>/global/}). The {@code .checkpoint} file holds, per topic
 * partition the stores are built from (a changelog, or a global store's source topic), the offset their state
 * covers; each in-memory key-value store has a snapshot ({@code <store>.snapshot}) of exactly that state. On the next
 * start a store loads its snapshot and reads only the records after the checkpointed offset. Every file is written to
 * a temporary name and moved into place; the old checkpoint is deleted before the first snapshot is replaced and the
 * new one is moved in last, so a crash leaves the old pair, the new pair, or no checkpoint, never a checkpoint beside
 * snapshots of another state.
 *
 * <p>Checkpoint file, text, as Kafka's {@code OffsetCheckpoint}:
 * <pre>
 *  0                      version
 *  N                      number of entries
 *  topic partition offset one line per partition
 * </pre>
 * Snapshot file, binary, big-endian:
 * <pre>
 *  0  magic      int32   0x534E4150 ("SNAP"), or 0x534E4148 ("SNAH") for values in the headers-aware layout
 *  4  count      int64   number of entries
 *  12 entries            count times: keyLength int32, key, valueLength int32, value
 *  .. crc        int64   CRC32 of everything before it
 * </pre>
 * Not thread-safe; used by the thread that owns the directory (a task's stream thread, or the global thread).
 */
final class StateCheckpoint {
    static final String CHECKPOINT_FILE = ".checkpoint";
    static final String SNAPSHOT_SUFFIX = ".snapshot";
    private static final String TMP_SUFFIX = ".tmp";
    private static final int VERSION = 0;
    private static final int SNAPSHOT_MAGIC = 0x534E4150;
    /** The magic of a snapshot of values in KIP-1271's headers-aware layout ({@code dsl.store.format=HEADERS}). */
    private static final int HEADERS_SNAPSHOT_MAGIC = 0x534E4148;
    private static final Logger LOG = LoggerFactory.getLogger(StateCheckpoint.class);

    private final Path directory;

    StateCheckpoint(Path directory) {
        this.directory = directory;
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
            LOG.warn("Checkpoint file {} is unreadable ({}); the stores are rebuilt from the start of their topics",
                file, e.toString());
            return Map.of();
        }
    }

    /**
     * A store's content as its snapshot holds it, and whether its values carry headers: a snapshot written in one
     * layout must not be loaded into a store of the other (after a change of {@code dsl.store.format}).
     */
    record SnapshotSource(KeyValueStore<Bytes, byte[]> content, boolean headersLayout) {
        /**
         * Returns the snapshot source of {@code task}'s store {@code storeName}, or {@code null} if it has no in-memory
         * key-value store.
         */
        static SnapshotSource of(StreamTask task, String storeName) {
            KeyValueStore<Bytes, byte[]> inner = innermostKeyValueStore(task.store(storeName));
            return inner == null ? null : new SnapshotSource(inner, task.valueLayout(storeName).hasHeaders());
        }

        int magic() {
            return headersLayout ? HEADERS_SNAPSHOT_MAGIC : SNAPSHOT_MAGIC;
        }
    }

    /** Writes the snapshots of {@code stores}, then the checkpoint with {@code offsets}. */
    void write(Map<TopicPartition, Long> offsets, Map<String, SnapshotSource> stores) {
        try {
            Files.createDirectories(directory);
            Map<Path, Path> snapshots = new LinkedHashMap<>();
            for (Map.Entry<String, SnapshotSource> store : stores.entrySet()) {
                Path snapshot = directory.resolve(store.getKey() + SNAPSHOT_SUFFIX);
                snapshots.put(writeSnapshot(store.getKey(), store.getValue()), snapshot);
            }
            // From here until the new checkpoint is in place, a crash leaves no checkpoint: the old one must not
            // describe the new snapshots.
            Files.deleteIfExists(directory.resolve(CHECKPOINT_FILE));
            for (Map.Entry<Path, Path> snapshot : snapshots.entrySet()) {
                moveIntoPlace(snapshot.getKey(), snapshot.getValue());
            }
            StringBuilder text = new StringBuilder().append(VERSION).append('\n').append(offsets.size()).append('\n');
            for (Map.Entry<TopicPartition, Long> entry : offsets.entrySet()) {
                text.append(entry.getKey().topic()).append(' ').append(entry.getKey().partition()).append(' ')
                    .append(entry.getValue()).append('\n');
            }
            Path tmp = directory.resolve(CHECKPOINT_FILE + TMP_SUFFIX);
            try (FileChannel channel = openForWrite(tmp)) {
                Channels.newOutputStream(channel).write(text.toString().getBytes(StandardCharsets.UTF_8));
                channel.force(true);
            }
            moveIntoPlace(tmp, directory.resolve(CHECKPOINT_FILE));
        } catch (IOException e) {
            throw new StreamsException("Could not write checkpoint in " + directory + ": " + e, e);
        }
    }

    private static FileChannel openForWrite(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes a store's snapshot to a temporary file and returns that file. */
    private Path writeSnapshot(String storeName, SnapshotSource source) throws IOException {
        KeyValueStore<Bytes, byte[]> store = source.content();
        Path tmp = directory.resolve(storeName + SNAPSHOT_SUFFIX + TMP_SUFFIX);
        CRC32 crc = new CRC32();
        try (FileChannel channel = openForWrite(tmp);
             OutputStream file = Channels.newOutputStream(channel);
             CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16), crc);
             DataOutputStream out = new DataOutputStream(checked);
             KeyValueIterator<Bytes, byte[]> entries = store.all()) {
            out.writeInt(source.magic());
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
            // Durable before the rename, so a machine crash cannot leave a checkpoint beside an empty snapshot.
            channel.force(true);
        }
        return tmp;
    }

    /** Returns the snapshot source of each of {@code names} that has one, for a checkpoint's snapshots. */
    static Map<String, SnapshotSource> snapshotStores(StreamTask task, Collection<String> names) {
        Map<String, SnapshotSource> stores = new LinkedHashMap<>();
        for (String name : names) {
            SnapshotSource source = SnapshotSource.of(task, name);
            if (source != null) {
                stores.put(name, source);
            }
        }
        return stores;
    }

    /**
     * Returns the in-memory key-value store under {@code store}'s layers, whose content a snapshot holds, or
     * {@code null} if {@code store} has none (then it cannot be snapshotted).
     */
    @SuppressWarnings("unchecked")
    static KeyValueStore<Bytes, byte[]> innermostKeyValueStore(StateStore store) {
        StateStore current = store;
        for (int depth = 0; depth < 16 && current != null; depth++) {
            if (current instanceof dev.runnel.streams.internal.state.InMemoryKeyValueStore inMemory) {
                return inMemory;
            } else if (current instanceof KeyValueStore<?, ?>
                && current instanceof dev.runnel.streams.internal.state.WrappedStateStore<?> layer) {
                // A layer of the key-value store: metered, caching, change logging.
                current = layer.wrapped();
            } else {
                return null;
            }
        }
        return null;
    }

    /**
     * Returns why a checkpointed (or a store's committed) {@code offset} of {@code tp} cannot be resumed from, or
     * {@code null} if it lies between the partition's log start offset and its log end offset. Outside that range the
     * partition no longer continues the state the store holds.
     */
    static String checkOffset(TopicPartition tp, long offset, long logStartOffset, long logEndOffset) {
        if (offset > logEndOffset) {
            return String.format(Locale.ROOT, "the offset %d of %s is above its end offset %d (was the topic"
                + " deleted and recreated, or truncated?)", offset, tp, logEndOffset);
        }
        if (offset < logStartOffset) {
            return String.format(Locale.ROOT, "the offset %d of %s is below its log start offset %d (records the"
                + " store does not hold were deleted)", offset, tp, logStartOffset);
        }
        return null;
    }

    /**
     * Returns, by store name, the entry of {@code offsets} for the store's changelog in {@code changelogs}: what the
     * store is committed with (nothing for a store without a changelog).
     */
    static Function<String, Map<TopicPartition, Long>> offsetsByStore(Map<String, TopicPartition> changelogs,
        Map<TopicPartition, Long> offsets) {
        return store -> {
            TopicPartition changelog = changelogs.get(store);
            Long offset = changelog == null ? null : offsets.get(changelog);
            return offset == null ? Map.of() : Map.of(changelog, offset);
        };
    }

    /**
     * Returns {@code offsets} without the changelogs of {@code task}'s stores that manage their own offsets
     * (KIP-1035): the checkpoint file holds only the others'.
     */
    static Map<TopicPartition, Long> withoutManagedOffsets(StreamTask task, Map<String, TopicPartition> changelogs,
        Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> kept = new LinkedHashMap<>(offsets);
        changelogs.forEach((store, changelog) -> {
            if (task.store(store).managesOffsets()) {
                kept.remove(changelog);
            }
        });
        return kept;
    }

    /** Deletes every entry of {@code store}, for instance one a failed snapshot load left partly filled. */
    static void clear(KeyValueStore<Bytes, byte[]> store) {
        try (KeyValueIterator<Bytes, byte[]> entries = store.all()) {
            while (entries.hasNext()) {
                store.delete(entries.next().key);
            }
        }
    }

    /**
     * Deletes a store's snapshot, so a later start cannot load it: the checkpoint stays on disk until the next
     * clean close, and after a dirty stop its offset may lie in the range again once the changelog has grown.
     */
    void deleteSnapshot(String storeName) {
        Path file = directory.resolve(storeName + SNAPSHOT_SUFFIX);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StreamsException("Could not delete the untrusted snapshot " + file + ": " + e, e);
        }
    }

    /**
     * Loads a store's snapshot through its restore callback.
     *
     * @return the number of entries loaded, or -1 if there is no valid snapshot; a load that failed partway may
     *     have passed some entries to {@code callback}, so the caller must empty the store again
     */
    long loadSnapshot(String storeName, SnapshotSource target, StateRestoreCallback callback) {
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
                int magic = in.readInt();
                if (magic != SNAPSHOT_MAGIC && magic != HEADERS_SNAPSHOT_MAGIC) {
                    throw new IOException("bad magic");
                }
                if (magic != target.magic()) {
                    throw new IOException("its values are in the layout of the other dsl.store.format");
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
            LOG.warn("Snapshot {} is unreadable ({}); the store is rebuilt from the start of its topic", file,
                e.toString());
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
}
