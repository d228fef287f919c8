package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.Map;

/** Receives the outcome of {@code commitAsync}, on the polling thread during a later {@code poll} or commit call. */
public interface OffsetCommitCallback {
    /** {@code exception} is null on success; {@code offsets} are the offsets that were (to be) committed. */
    void onComplete(Map<TopicPartition, OffsetAndMetadata> offsets, Exception exception);
}
