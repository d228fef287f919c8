package dev.runnel.clients.admin;

/** Options of {@code listTopics}: internal topics are left out unless asked for. */
public class ListTopicsOptions {
    private boolean listInternal;

    public ListTopicsOptions listInternal(boolean listInternal) {
        this.listInternal = listInternal;
        return this;
    }

    public boolean shouldListInternal() {
        return listInternal;
    }
}
