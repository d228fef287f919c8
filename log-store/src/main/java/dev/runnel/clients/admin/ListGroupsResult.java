package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import java.util.Collection;
import java.util.List;

/** The result of {@code listGroups}. Against the embedded log no listing fails. */
public class ListGroupsResult {
    private final KafkaFuture<Collection<GroupListing>> all;

    ListGroupsResult(Collection<GroupListing> listings) {
        this.all = KafkaFuture.completedFuture(List.copyOf(listings));
    }

    public KafkaFuture<Collection<GroupListing>> all() {
        return all;
    }

    public KafkaFuture<Collection<GroupListing>> valid() {
        return all;
    }

    public KafkaFuture<Collection<Throwable>> errors() {
        return KafkaFuture.completedFuture(List.of());
    }
}
