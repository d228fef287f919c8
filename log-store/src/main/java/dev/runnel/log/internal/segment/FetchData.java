package dev.runnel.log.internal.segment;

import java.nio.ByteBuffer;

/**
 * The result of a read.
 *
 * @param records        whole record batches, empty at the log end; owned by the caller
 * @param logStartOffset the partition's log start offset when read
 * @param logEndOffset   the partition's log end offset when read
 */
public record FetchData(ByteBuffer records, long logStartOffset, long logEndOffset) {
}
