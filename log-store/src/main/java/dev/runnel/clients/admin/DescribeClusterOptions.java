package dev.runnel.clients.admin;

/**
 * Options of {@code describeCluster}. The embedded log has no ACLs and no fenced brokers, so neither flag changes the
 * result.
 */
public class DescribeClusterOptions extends AbstractOptions<DescribeClusterOptions> {
    private boolean includeAuthorizedOperations;
    private boolean includeFencedBrokers;

    public DescribeClusterOptions includeAuthorizedOperations(boolean includeAuthorizedOperations) {
        this.includeAuthorizedOperations = includeAuthorizedOperations;
        return this;
    }

    public DescribeClusterOptions includeFencedBrokers(boolean includeFencedBrokers) {
        this.includeFencedBrokers = includeFencedBrokers;
        return this;
    }

    public boolean includeAuthorizedOperations() {
        return includeAuthorizedOperations;
    }

    public boolean includeFencedBrokers() {
        return includeFencedBrokers;
    }
}
