package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import dev.runnel.log.internal.txn.TransactionCoordinator.ProducerIdAndEpoch;
import java.util.LinkedHashMap;
import java.util.Map;

/** The result of {@code fenceProducers}: per transactional id, the producer id and the epoch it was bumped to. */
public class FenceProducersResult extends KeyedResult<String, ProducerIdAndEpoch> {
    FenceProducersResult(Map<String, KafkaFuture<ProducerIdAndEpoch>> futures) {
        super(futures);
    }

    public Map<String, KafkaFuture<Void>> fencedProducers() {
        Map<String, KafkaFuture<Void>> fenced = new LinkedHashMap<>();
        futures.forEach((id, future) -> fenced.put(id, future.thenApply(ignored -> null)));
        return fenced;
    }

    public KafkaFuture<Long> producerId(String transactionalId) {
        return future(transactionalId).thenApply(ProducerIdAndEpoch::producerId);
    }

    public KafkaFuture<Short> epochId(String transactionalId) {
        return future(transactionalId).thenApply(ProducerIdAndEpoch::epoch);
    }

    public KafkaFuture<Void> all() {
        return allDone();
    }

    private KafkaFuture<ProducerIdAndEpoch> future(String transactionalId) {
        KafkaFuture<ProducerIdAndEpoch> future = futures.get(transactionalId);
        if (future == null) {
            throw new IllegalArgumentException("TransactionalId " + transactionalId + " was not included in the "
                + "request");
        }
        return future;
    }
}
