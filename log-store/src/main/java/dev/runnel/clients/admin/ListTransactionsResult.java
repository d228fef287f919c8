package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import dev.runnel.common.Node;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The result of {@code listTransactions}. Kafka asks every broker's coordinator; the embedded log has one, on node
 * {@link Node#EMBEDDED}, so the per-broker views hold that one node.
 */
public class ListTransactionsResult {
    private final KafkaFuture<Collection<TransactionListing>> all;

    ListTransactionsResult(Collection<TransactionListing> listings) {
        this.all = KafkaFuture.completedFuture(List.copyOf(listings));
    }

    public KafkaFuture<Collection<TransactionListing>> all() {
        return all;
    }

    public KafkaFuture<Map<Integer, KafkaFuture<Collection<TransactionListing>>>> byBrokerId() {
        return KafkaFuture.completedFuture(Map.of(Node.EMBEDDED.id(), all));
    }

    public KafkaFuture<Map<Integer, Collection<TransactionListing>>> allByBrokerId() {
        return all.thenApply(listings -> Map.of(Node.EMBEDDED.id(), listings));
    }
}
