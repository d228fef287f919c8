package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;

/** The result of {@code abortTransaction}: completes once the abort marker is written and fsynced. */
public class AbortTransactionResult {
    private final KafkaFuture<Void> all;

    AbortTransactionResult(KafkaFuture<Void> all) {
        this.all = all;
    }

    public KafkaFuture<Void> all() {
        return all;
    }
}
