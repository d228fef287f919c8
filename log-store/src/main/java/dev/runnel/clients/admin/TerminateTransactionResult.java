package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;

/** The result of {@code forceTerminateTransaction}: completes once the transaction is aborted, its producer fenced. */
public class TerminateTransactionResult {
    private final KafkaFuture<Void> result;

    TerminateTransactionResult(KafkaFuture<Void> result) {
        this.result = result;
    }

    public KafkaFuture<Void> result() {
        return result;
    }
}
