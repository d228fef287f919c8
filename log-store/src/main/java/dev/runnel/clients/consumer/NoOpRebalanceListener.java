package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.Collection;

/** The listener of a subscription made without one. */
final class NoOpRebalanceListener implements ConsumerRebalanceListener {
    static final NoOpRebalanceListener INSTANCE = new NoOpRebalanceListener();

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    }
}
