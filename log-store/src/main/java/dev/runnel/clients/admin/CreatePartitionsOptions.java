package dev.runnel.clients.admin;

/**
 * Options of {@code createPartitions}. With {@code validateOnly} the new counts are checked and nothing is added. The
 * embedded log has no quotas, so {@code retryOnQuotaViolation} changes nothing.
 */
public class CreatePartitionsOptions extends AbstractOptions<CreatePartitionsOptions> {
    private boolean validateOnly;
    private boolean retryOnQuotaViolation = true;

    public boolean validateOnly() {
        return validateOnly;
    }

    public CreatePartitionsOptions validateOnly(boolean validateOnly) {
        this.validateOnly = validateOnly;
        return this;
    }

    public CreatePartitionsOptions retryOnQuotaViolation(boolean retryOnQuotaViolation) {
        this.retryOnQuotaViolation = retryOnQuotaViolation;
        return this;
    }

    public boolean shouldRetryOnQuotaViolation() {
        return retryOnQuotaViolation;
    }
}
