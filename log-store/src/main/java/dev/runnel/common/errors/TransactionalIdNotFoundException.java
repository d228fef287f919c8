package dev.runnel.common.errors;

/** The transaction coordinator has no state for the transactional id: no producer ever initialised it. */
public class TransactionalIdNotFoundException extends ApiException {
    public TransactionalIdNotFoundException(String message) {
        super(message);
    }
}
