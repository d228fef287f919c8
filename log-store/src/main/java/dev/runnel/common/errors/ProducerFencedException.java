package dev.runnel.common.errors;

/**
 * Another producer with the same {@code transactional.id} has called {@code initTransactions} (or the coordinator
 * aborted a timed-out transaction), so this one's epoch is stale. Fatal: close the producer.
 */
public class ProducerFencedException extends ApiException {
    public ProducerFencedException(String message) {
        super(message);
    }

    public ProducerFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
