package dev.runnel.log.internal.segment;

/**
 * What an append wrote.
 *
 * @param firstOffset   the base offset assigned to the first batch
 * @param lastOffset    the last offset assigned
 * @param logAppendTime the time (ms) stamped into the batches under LogAppendTime, otherwise -1
 * @param recordCount   the records in all batches, from their headers
 */
public record AppendInfo(long firstOffset, long lastOffset, long logAppendTime, int recordCount) {
}
