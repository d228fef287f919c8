package dev.runnel.streams;

import dev.runnel.streams.state.HostInfo;
import java.util.Objects;
import java.util.Set;

/** Where to query a key: the instance hosting its partition of a store. Immutable. */
public final class KeyQueryMetadata {
    /** The answer when no instance hosts the key's partition (rebalancing, or an unknown store). */
    public static final KeyQueryMetadata NOT_AVAILABLE = new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), -1);

    private final HostInfo activeHost;
    private final Set<HostInfo> standbyHosts;
    private final int partition;

    public KeyQueryMetadata(HostInfo activeHost, Set<HostInfo> standbyHosts, int partition) {
        this.activeHost = Objects.requireNonNull(activeHost, "activeHost");
        this.standbyHosts = Set.copyOf(standbyHosts);
        this.partition = partition;
    }

    public HostInfo activeHost() {
        return activeHost;
    }

    /**
     * The hosts ({@code application.server}) of the instances holding a standby copy of the key's partition
     * ({@code num.standby.replicas}); empty without standbys.
     */
    public Set<HostInfo> standbyHosts() {
        return standbyHosts;
    }

    public int partition() {
        return partition;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyQueryMetadata that && partition == that.partition
            && activeHost.equals(that.activeHost) && standbyHosts.equals(that.standbyHosts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(activeHost, standbyHosts, partition);
    }

    @Override
    public String toString() {
        return "KeyQueryMetadata {activeHost=" + activeHost + ", standbyHosts=" + standbyHosts + ", partition="
            + partition + "}";
    }
}
