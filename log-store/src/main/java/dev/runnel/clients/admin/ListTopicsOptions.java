package dev.runnel.clients.admin;

import java.util.Objects;

/** Options of {@code listTopics}: internal topics are left out unless asked for. */
public class ListTopicsOptions extends AbstractOptions<ListTopicsOptions> {
    private boolean listInternal;

    public ListTopicsOptions listInternal(boolean listInternal) {
        this.listInternal = listInternal;
        return this;
    }

    public boolean shouldListInternal() {
        return listInternal;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListTopicsOptions that && listInternal == that.listInternal
            && Objects.equals(timeoutMs(), that.timeoutMs());
    }

    @Override
    public int hashCode() {
        return Objects.hash(listInternal, timeoutMs());
    }

    @Override
    public String toString() {
        return "ListTopicsOptions(listInternal=" + listInternal + ")";
    }
}
