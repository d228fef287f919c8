package dev.runnel.clients.admin;

import dev.runnel.common.GroupState;
import dev.runnel.common.GroupType;
import java.util.Objects;
import java.util.Optional;

/**
 * A group of any type as {@code listGroups} reports it. {@code protocol} is the protocol type: {@code "consumer"} for
 * a consumer group, empty for a classic group that only holds offsets (a simple consumer group).
 */
public class GroupListing {
    private final String groupId;
    private final Optional<GroupType> type;
    private final String protocol;
    private final Optional<GroupState> groupState;

    public GroupListing(String groupId, Optional<GroupType> type, String protocol, Optional<GroupState> groupState) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.type = Objects.requireNonNull(type, "type");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.groupState = Objects.requireNonNull(groupState, "groupState");
    }

    public String groupId() {
        return groupId;
    }

    public Optional<GroupType> type() {
        return type;
    }

    public String protocol() {
        return protocol;
    }

    public Optional<GroupState> groupState() {
        return groupState;
    }

    /** A classic group with no protocol: its members, if any, commit offsets without joining. */
    public boolean isSimpleConsumerGroup() {
        return type.equals(Optional.of(GroupType.CLASSIC)) && protocol.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GroupListing that && groupId.equals(that.groupId) && type.equals(that.type)
            && protocol.equals(that.protocol) && groupState.equals(that.groupState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groupId, type, protocol, groupState);
    }

    @Override
    public String toString() {
        return "(groupId='" + groupId + "', type=" + type.map(String::valueOf).orElse("none") + ", protocol='"
            + protocol + "', groupState=" + groupState.map(String::valueOf).orElse("none") + ")";
    }
}
