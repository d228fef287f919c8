package dev.runnel.log.internal.segment;

/**
 * A transaction that was aborted in one partition: its batches from producer {@code producerId} lie in
 * [firstOffset, lastOffset], and its abort marker is at {@code lastOffset}.
 */
public record AbortedTransaction(long producerId, long firstOffset, long lastOffset) {
}
