package dev.runnel.streams.integration;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.processor.StateRestoreListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Restore listeners that count what stores restored, for tests that check how much a restart or takeover replays. */
public final class RestoreCounters {
    private RestoreCounters() {
    }

    /** Collects the partitions restored, with how many records each restored in all. */
    public static final class RestoredPartitions implements StateRestoreListener {
        public final Map<TopicPartition, Long> restored = new ConcurrentHashMap<>();

        @Override
        public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long count) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            restored.merge(partition, totalRestored, Long::sum);
        }
    }

    /** Adds every restored batch's records to {@code restored}. */
    public record CountingListener(AtomicLong restored) implements StateRestoreListener {
        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset,
            long numRestored) {
            restored.addAndGet(numRestored);
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        }
    }
}
