package dev.runnel.common.errors;

/**
 * A batch carried a producer epoch older than the one the partition knows: a newer producer with the same id (or the
 * coordinator, on a timeout) has taken over. For a transactional producer it becomes a {@link
 * ProducerFencedException} once the coordinator confirms it.
 */
public class InvalidProducerEpochException extends ApiException {
    public InvalidProducerEpochException(String message) {
        super(message);
    }

    public InvalidProducerEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
