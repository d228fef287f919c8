package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import java.util.Map;

/**
 * The result of {@code describeTransactions}: one future per transactional id; an id the coordinator does not know
 * fails with {@code TransactionalIdNotFoundException}.
 */
public class DescribeTransactionsResult extends KeyedResult<String, TransactionDescription> {
    DescribeTransactionsResult(Map<String, KafkaFuture<TransactionDescription>> futures) {
        super(futures);
    }

    /** The future of one requested id; throws {@code IllegalArgumentException} for an id that was not requested. */
    public KafkaFuture<TransactionDescription> description(String transactionalId) {
        KafkaFuture<TransactionDescription> future = futures.get(transactionalId);
        if (future == null) {
            throw new IllegalArgumentException("TransactionalId " + transactionalId + " was not included in the "
                + "request");
        }
        return future;
    }

    public KafkaFuture<Map<String, TransactionDescription>> all() {
        return allValues();
    }
}
