package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The topics of the log, as names or listings. */
public class ListTopicsResult {
    private final KafkaFuture<Map<String, TopicListing>> listings;

    ListTopicsResult(KafkaFuture<Map<String, TopicListing>> listings) {
        this.listings = listings;
    }

    public KafkaFuture<Map<String, TopicListing>> namesToListings() {
        return listings;
    }

    public KafkaFuture<Collection<TopicListing>> listings() {
        return listings.thenApply(Map::values);
    }

    /** The names, sorted. */
    public KafkaFuture<Set<String>> names() {
        return listings.thenApply(map -> map.keySet().stream()
            .collect(Collectors.toCollection(java.util.TreeSet::new)));
    }

}
