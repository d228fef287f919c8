package dev.runnel.common.errors;

/** The group is rebalancing; the request can be retried once the member has rejoined. */
public class RebalanceInProgressException extends ApiException {
    public RebalanceInProgressException(String message) {
        super(message);
    }
}
