package dev.runnel.clients.admin;

import dev.runnel.common.GroupState;
import dev.runnel.common.GroupType;
import dev.runnel.common.Node;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A consumer group's members and state. {@code partitionAssignor} is the assignor chosen in the last rebalance (empty
 * for a group without members); {@code groupEpoch} is the generation.
 */
public record ConsumerGroupDescription(String groupId, boolean isSimpleConsumerGroup,
                                       Collection<MemberDescription> members, String partitionAssignor, GroupType type,
                                       GroupState groupState, Node coordinator, Optional<Integer> groupEpoch) {
    public ConsumerGroupDescription {
        members = List.copyOf(members);
    }
}
