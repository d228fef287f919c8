package dev.runnel.clients.consumer;

/** The answer of {@code offsetsForTimes}: the first offset whose timestamp is at or after the one asked for. */
public record OffsetAndTimestamp(long offset, long timestamp) {
}
