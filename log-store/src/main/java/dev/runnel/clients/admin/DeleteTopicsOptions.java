package dev.runnel.clients.admin;

/** Options of {@code deleteTopics}. The embedded log has no quotas: {@code retryOnQuotaViolation} changes nothing. */
public class DeleteTopicsOptions extends AbstractOptions<DeleteTopicsOptions> {
    private boolean retryOnQuotaViolation = true;

    public DeleteTopicsOptions retryOnQuotaViolation(boolean retryOnQuotaViolation) {
        this.retryOnQuotaViolation = retryOnQuotaViolation;
        return this;
    }

    public boolean shouldRetryOnQuotaViolation() {
        return retryOnQuotaViolation;
    }
}
