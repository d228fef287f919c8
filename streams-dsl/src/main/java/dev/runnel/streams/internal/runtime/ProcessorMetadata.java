package dev.runnel.streams.internal.runtime;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values processors keep across restarts by committing them with their task's input offsets, as Kafka Streams'
 * processor metadata: an {@code emitStrategy(onWindowClose)} aggregation keeps the close time it last emitted up to,
 * under its store's name, so that a restarted task neither emits those windows again nor skips later ones. Serialized
 * as Kafka's: an entry count, then per entry the key's UTF-8 length and bytes and the value, all big-endian. Owned by
 * its task's stream thread.
 */
public final class ProcessorMetadata {
    private final Map<String, Long> values;
    private boolean needsCommit;

    /** Creates empty metadata. */
    public ProcessorMetadata() {
        this(new HashMap<>());
    }

    private ProcessorMetadata(Map<String, Long> values) {
        this.values = values;
    }

    /** Returns the value of {@code key}, or null. */
    public Long get(String key) {
        return values.get(key);
    }

    /** Sets {@code key} to {@code value}; the task's next commit carries it. */
    public void put(String key, long value) {
        values.put(key, value);
        needsCommit = true;
    }

    /**
     * Takes each value of {@code other} that this metadata lacks or holds smaller: a task restored from several input
     * partitions' commits keeps the latest of each.
     */
    public void update(ProcessorMetadata other) {
        other.values.forEach((key, value) -> values.merge(key, value, Math::max));
    }

    /** Returns whether a value changed since the last commit (which then commits every input partition). */
    public boolean needsCommit() {
        return needsCommit;
    }

    /** Sets whether the next commit must carry this metadata. */
    public void setNeedsCommit(boolean needsCommit) {
        this.needsCommit = needsCommit;
    }

    /** Returns the metadata in Kafka's format: no bytes when empty. */
    public byte[] serialize() {
        if (values.isEmpty()) {
            return new byte[0];
        }
        int size = Integer.BYTES;
        Map<byte[], Long> encoded = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            byte[] key = entry.getKey().getBytes(StandardCharsets.UTF_8);
            encoded.put(key, entry.getValue());
            size += Integer.BYTES + key.length + Long.BYTES;
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(values.size());
        encoded.forEach((key, value) -> out.putInt(key.length).put(key).putLong(value));
        return out.array();
    }

    /**
     * Reads metadata in Kafka's format; no bytes (or null) is empty metadata.
     *
     * @throws BufferUnderflowException if the bytes end before the entries they announce
     */
    public static ProcessorMetadata deserialize(byte[] bytes) {
        ProcessorMetadata metadata = new ProcessorMetadata();
        if (bytes == null || bytes.length == 0) {
            return metadata;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int entries = in.getInt();
        for (int i = 0; i < entries; i++) {
            int keyLength = in.getInt();
            // Checked before allocating: damaged bytes must not announce a key of gigabytes.
            if (keyLength < 0 || keyLength > in.remaining()) {
                throw new BufferUnderflowException();
            }
            byte[] key = new byte[keyLength];
            in.get(key);
            metadata.values.put(new String(key, StandardCharsets.UTF_8), in.getLong());
        }
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessorMetadata that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ProcessorMetadata" + values;
    }
}
