package dev.runnel.clients.admin;

/**
 * Options of {@code describeTopics}. The embedded log has no ACLs and answers in one piece, so neither
 * {@code includeAuthorizedOperations} nor {@code partitionSizeLimitPerResponse} changes the result.
 */
public class DescribeTopicsOptions extends AbstractOptions<DescribeTopicsOptions> {
    private boolean includeAuthorizedOperations;
    private int partitionSizeLimitPerResponse = 2000;

    public DescribeTopicsOptions includeAuthorizedOperations(boolean includeAuthorizedOperations) {
        this.includeAuthorizedOperations = includeAuthorizedOperations;
        return this;
    }

    public DescribeTopicsOptions partitionSizeLimitPerResponse(int partitionSizeLimitPerResponse) {
        this.partitionSizeLimitPerResponse = partitionSizeLimitPerResponse;
        return this;
    }

    public boolean includeAuthorizedOperations() {
        return includeAuthorizedOperations;
    }

    public int partitionSizeLimitPerResponse() {
        return partitionSizeLimitPerResponse;
    }
}
