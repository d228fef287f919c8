package dev.runnel.log.internal.index;

/**
 * A time index entry resolved to absolute terms: every batch up to and including the one holding {@code offset} has a
 * max timestamp of at most {@code timestampMs}.
 */
public record TimestampOffset(long timestampMs, long offset) {
}
