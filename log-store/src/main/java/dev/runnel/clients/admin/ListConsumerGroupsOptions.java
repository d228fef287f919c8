package dev.runnel.clients.admin;

import dev.runnel.common.GroupState;
import dev.runnel.common.GroupType;
import java.util.Set;

/** Options of {@code listConsumerGroups}: keep only groups in these states, or of these types (empty: all). */
public class ListConsumerGroupsOptions extends AbstractOptions<ListConsumerGroupsOptions> {
    private Set<GroupState> groupStates = Set.of();
    private Set<GroupType> types = Set.of();

    public ListConsumerGroupsOptions inGroupStates(Set<GroupState> groupStates) {
        this.groupStates = groupStates == null ? Set.of() : Set.copyOf(groupStates);
        return this;
    }

    public ListConsumerGroupsOptions withTypes(Set<GroupType> types) {
        this.types = types == null ? Set.of() : Set.copyOf(types);
        return this;
    }

    public Set<GroupState> groupStates() {
        return groupStates;
    }

    public Set<GroupType> types() {
        return types;
    }
}
