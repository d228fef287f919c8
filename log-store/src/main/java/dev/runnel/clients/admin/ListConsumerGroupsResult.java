package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import java.util.Collection;
import java.util.List;

/** The result of {@code listConsumerGroups}. Against the embedded log no listing fails. */
public final class ListConsumerGroupsResult {
    private final KafkaFuture<Collection<ConsumerGroupListing>> all;

    ListConsumerGroupsResult(Collection<ConsumerGroupListing> listings) {
        this.all = KafkaFuture.completedFuture(List.copyOf(listings));
    }

    public KafkaFuture<Collection<ConsumerGroupListing>> all() {
        return all;
    }

    public KafkaFuture<Collection<ConsumerGroupListing>> valid() {
        return all;
    }

    public KafkaFuture<Collection<Throwable>> errors() {
        return KafkaFuture.completedFuture(List.of());
    }
}
