package dev.runnel.clients.admin;

/** Options of {@code describeConsumerGroups}. The embedded log has no ACLs, so there are no operations to include. */
public class DescribeConsumerGroupsOptions extends AbstractOptions<DescribeConsumerGroupsOptions> {
    private boolean includeAuthorizedOperations;

    public DescribeConsumerGroupsOptions includeAuthorizedOperations(boolean includeAuthorizedOperations) {
        this.includeAuthorizedOperations = includeAuthorizedOperations;
        return this;
    }

    public boolean includeAuthorizedOperations() {
        return includeAuthorizedOperations;
    }
}
