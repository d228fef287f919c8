package dev.runnel.clients.admin;

/** The partition count a topic should grow to. */
public final class NewPartitions {
    private final int totalCount;

    private NewPartitions(int totalCount) {
        this.totalCount = totalCount;
    }

    public static NewPartitions increaseTo(int totalCount) {
        return new NewPartitions(totalCount);
    }

    public int totalCount() {
        return totalCount;
    }
}
