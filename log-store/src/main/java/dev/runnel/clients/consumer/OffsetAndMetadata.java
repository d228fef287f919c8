package dev.runnel.clients.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * A committed position: the offset of the next record to read (committing N means the records before N are done,
 * as in Kafka), with optional metadata text and the leader epoch of the record before it.
 */
public final class OffsetAndMetadata {
    private final long offset;
    private final String metadata;
    private final Optional<Integer> leaderEpoch;

    public OffsetAndMetadata(long offset, Optional<Integer> leaderEpoch, String metadata) {
        if (offset < 0) {
            throw new IllegalArgumentException("Invalid negative offset " + offset);
        }
        this.offset = offset;
        this.leaderEpoch = Objects.requireNonNull(leaderEpoch, "leaderEpoch");
        this.metadata = metadata == null ? "" : metadata;
    }

    public OffsetAndMetadata(long offset, String metadata) {
        this(offset, Optional.empty(), metadata);
    }

    public OffsetAndMetadata(long offset) {
        this(offset, "");
    }

    public long offset() {
        return offset;
    }

    public String metadata() {
        return metadata;
    }

    public Optional<Integer> leaderEpoch() {
        return leaderEpoch;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OffsetAndMetadata that && offset == that.offset && metadata.equals(that.metadata)
            && leaderEpoch.equals(that.leaderEpoch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, metadata, leaderEpoch);
    }

    @Override
    public String toString() {
        return "OffsetAndMetadata{offset=" + offset + ", leaderEpoch=" + leaderEpoch.orElse(null) + ", metadata='"
            + metadata + "'}";
    }
}
