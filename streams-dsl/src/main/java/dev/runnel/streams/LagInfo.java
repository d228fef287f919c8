package dev.runnel.streams;

import java.util.Objects;

/**
 * How far one local state store partition is behind its changelog, as returned by
 * {@link KafkaStreams#allLocalStorePartitionLags()}: the changelog offset the local store has caught up to, the
 * changelog's end offset, and the lag between them in records (offsets). The values are an estimate for soft
 * decisions, such as whether a store is fresh enough to query; they may be stale as soon as they are returned.
 * Immutable.
 */
public class LagInfo {
    private final long currentOffsetPosition;
    private final long endOffsetPosition;
    private final long offsetLag;

    LagInfo(long currentOffsetPosition, long endOffsetPosition) {
        this.currentOffsetPosition = currentOffsetPosition;
        this.endOffsetPosition = endOffsetPosition;
        // A store can be ahead of an end offset read a moment earlier; it is then not behind at all.
        this.offsetLag = Math.max(0, endOffsetPosition - currentOffsetPosition);
    }

    /** Returns the changelog offset the local store has caught up to. */
    public long currentOffsetPosition() {
        return currentOffsetPosition;
    }

    /** Returns the changelog's end offset: the offset its next record will get. */
    public long endOffsetPosition() {
        return endOffsetPosition;
    }

    /** Returns how many offsets the local store is behind the changelog's end, never negative. */
    public long offsetLag() {
        return offsetLag;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LagInfo that && currentOffsetPosition == that.currentOffsetPosition
            && endOffsetPosition == that.endOffsetPosition;
    }

    @Override
    public int hashCode() {
        return Objects.hash(currentOffsetPosition, endOffsetPosition);
    }

    @Override
    public String toString() {
        return "LagInfo { currentOffsetPosition=" + currentOffsetPosition + ", endOffsetPosition=" + endOffsetPosition
            + ", offsetLag=" + offsetLag + "}";
    }
}
