package dev.runnel.log.internal.segment;

/**
 * What a partition knows of one producer, as {@code describeProducers} reports it.
 *
 * @param lastSequence           the last sequence number written, or -1 if none (markers carry none)
 * @param lastTimestampMs        the max timestamp of the producer's last batch or marker
 * @param coordinatorEpoch       the coordinator epoch of the producer's last marker here, or -1 if none
 * @param txnFirstOffset         the first offset of the producer's open transaction here, or -1 if none is open
 */
public record ProducerStateEntry(long producerId, short producerEpoch, int lastSequence, long lastTimestampMs,
                                 int coordinatorEpoch, long txnFirstOffset) {
}
