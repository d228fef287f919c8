package dev.runnel.log.internal.group;

import dev.runnel.common.GroupState;
import dev.runnel.common.TopicPartition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A snapshot of one group for the admin client: state, assignor, generation and members. */
public record GroupSummary(String groupId, GroupState state, String assignor, int generation,
                           List<MemberSummary> members) {
    public GroupSummary {
        members = List.copyOf(members);
    }

    /** One member as the admin client describes it. */
    public record MemberSummary(String memberId, Optional<String> groupInstanceId, String clientId,
                                Set<TopicPartition> assignment) {
        public MemberSummary {
            assignment = Set.copyOf(assignment);
        }
    }
}
