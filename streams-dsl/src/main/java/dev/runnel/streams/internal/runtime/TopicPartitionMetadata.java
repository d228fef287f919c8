package dev.runnel.streams.internal.runtime;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a task commits with the offset of each input partition, as Kafka Streams' offset metadata: the partition's
 * time and the task's processor metadata, so that a task restarted or migrated elsewhere resumes both. The committed
 * text is Base64 of, big-endian:
 * <pre>
 *  0  version            int8    2 (version 1 ends after the partition time)
 *  1  partitionTime      int64   the largest timestamp extracted from the partition so far, or -1
 *  9  processorMetadata  bytes   {@link ProcessorMetadata#serialize()}, to the end (none when empty)
 * </pre>
 *
 * @param partitionTime the partition's time, or {@link #UNKNOWN_PARTITION_TIME}
 * @param processorMetadata the task's processor metadata; not null
 */
record TopicPartitionMetadata(long partitionTime, ProcessorMetadata processorMetadata) {
    private static final Logger LOG = LoggerFactory.getLogger(TopicPartitionMetadata.class);

    /** The partition time of a partition without a committed one. */
    static final long UNKNOWN_PARTITION_TIME = -1L;
    static final byte VERSION_PARTITION_TIME = 1;
    static final byte VERSION_PROCESSOR_METADATA = 2;
    static final int PARTITION_TIME_OFFSET = Byte.BYTES;
    static final int PROCESSOR_METADATA_OFFSET = PARTITION_TIME_OFFSET + Long.BYTES;

    TopicPartitionMetadata {
        Objects.requireNonNull(processorMetadata, "processorMetadata");
    }

    /** Returns the committed text, in the latest version. */
    String encode() {
        byte[] metadata = processorMetadata.serialize();
        ByteBuffer bytes = ByteBuffer.allocate(PROCESSOR_METADATA_OFFSET + metadata.length)
            .put(VERSION_PROCESSOR_METADATA).putLong(partitionTime).put(metadata);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /**
     * Reads committed text of either version. Text without metadata (committed by a consumer, a reset tool, or a
     * task that never wrote any) reads as an unknown partition time and no processor metadata; so does text of an
     * unknown version or that cannot be decoded, with a warning, as in Kafka Streams, so the task still starts.
     */
    static TopicPartitionMetadata decode(String text) {
        long partitionTime = UNKNOWN_PARTITION_TIME;
        ProcessorMetadata metadata = new ProcessorMetadata();
        if (text.isEmpty()) {
            return new TopicPartitionMetadata(partitionTime, metadata);
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(text));
            byte version = bytes.get();
            if (version == VERSION_PARTITION_TIME || version == VERSION_PROCESSOR_METADATA) {
                partitionTime = bytes.getLong();
                if (version == VERSION_PROCESSOR_METADATA) {
                    metadata = ProcessorMetadata.deserialize(Arrays.copyOfRange(bytes.array(), bytes.position(),
                        bytes.limit()));
                }
            } else {
                LOG.warn("Ignoring committed offset metadata of version {}: this version reads versions up to {}",
                    version, VERSION_PROCESSOR_METADATA);
            }
        } catch (RuntimeException e) {
            // What was read before the failure stands (a version 2 partition time with broken processor metadata).
            LOG.warn("Ignoring committed offset metadata that cannot be read: {}", e.toString());
        }
        return new TopicPartitionMetadata(partitionTime, metadata);
    }
}
