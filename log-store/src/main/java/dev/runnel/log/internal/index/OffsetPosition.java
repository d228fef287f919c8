package dev.runnel.log.internal.index;

/**
 * An offset index entry resolved to absolute terms: the batch starting at byte {@code position} of the segment's .log
 * file has base offset {@code offset}.
 */
public record OffsetPosition(long offset, int position) {
}
