package dev.runnel.clients.admin;

import dev.runnel.common.GroupState;
import dev.runnel.common.GroupType;
import java.util.Set;

/**
 * Options of {@code listGroups} (KIP-1043): keep only groups in these states, of these types, or with these protocol
 * types ({@code "consumer"}, or {@code ""} for a group that only holds offsets); an empty set keeps all.
 */
public class ListGroupsOptions extends AbstractOptions<ListGroupsOptions> {
    private Set<GroupState> groupStates = Set.of();
    private Set<GroupType> types = Set.of();
    private Set<String> protocolTypes = Set.of();

    /** The consumer groups of either protocol, simple groups included. */
    public static ListGroupsOptions forConsumerGroups() {
        return new ListGroupsOptions().withTypes(Set.of(GroupType.CLASSIC, GroupType.CONSUMER))
            .withProtocolTypes(Set.of(GroupAdmin.CONSUMER_PROTOCOL_TYPE, ""));
    }

    public static ListGroupsOptions forShareGroups() {
        return new ListGroupsOptions().withTypes(Set.of(GroupType.SHARE));
    }

    public static ListGroupsOptions forStreamsGroups() {
        return new ListGroupsOptions().withTypes(Set.of(GroupType.STREAMS));
    }

    public ListGroupsOptions inGroupStates(Set<GroupState> groupStates) {
        this.groupStates = groupStates == null ? Set.of() : Set.copyOf(groupStates);
        return this;
    }

    public ListGroupsOptions withProtocolTypes(Set<String> protocolTypes) {
        this.protocolTypes = protocolTypes == null ? Set.of() : Set.copyOf(protocolTypes);
        return this;
    }

    public ListGroupsOptions withTypes(Set<GroupType> types) {
        this.types = types == null ? Set.of() : Set.copyOf(types);
        return this;
    }

    public Set<GroupState> groupStates() {
        return groupStates;
    }

    public Set<String> protocolTypes() {
        return protocolTypes;
    }

    public Set<GroupType> types() {
        return types;
    }
}
