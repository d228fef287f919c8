package dev.runnel.clients.admin;

/**
 * Options of {@code createTopics}. With {@code validateOnly} each topic is checked as a creation would check it (name,
 * partition count, that it does not exist, its configs) and nothing is created. The embedded log has no quotas, so
 * {@code retryOnQuotaViolation} changes nothing.
 */
public class CreateTopicsOptions extends AbstractOptions<CreateTopicsOptions> {
    private boolean validateOnly;
    private boolean retryOnQuotaViolation = true;

    public CreateTopicsOptions validateOnly(boolean validateOnly) {
        this.validateOnly = validateOnly;
        return this;
    }

    public boolean shouldValidateOnly() {
        return validateOnly;
    }

    public CreateTopicsOptions retryOnQuotaViolation(boolean retryOnQuotaViolation) {
        this.retryOnQuotaViolation = retryOnQuotaViolation;
        return this;
    }

    public boolean shouldRetryOnQuotaViolation() {
        return retryOnQuotaViolation;
    }
}
