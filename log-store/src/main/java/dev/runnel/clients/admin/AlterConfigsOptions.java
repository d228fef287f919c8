package dev.runnel.clients.admin;

/** Options of {@code incrementalAlterConfigs}. With {@code validateOnly} the changes are checked and not applied. */
public class AlterConfigsOptions extends AbstractOptions<AlterConfigsOptions> {
    private boolean validateOnly;

    public boolean shouldValidateOnly() {
        return validateOnly;
    }

    public AlterConfigsOptions validateOnly(boolean validateOnly) {
        this.validateOnly = validateOnly;
        return this;
    }
}
