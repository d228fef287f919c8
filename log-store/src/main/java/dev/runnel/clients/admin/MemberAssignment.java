package dev.runnel.clients.admin;

import dev.runnel.common.TopicPartition;
import java.util.Set;

/** The partitions assigned to one group member. */
public record MemberAssignment(Set<TopicPartition> topicPartitions) {
    public MemberAssignment {
        topicPartitions = Set.copyOf(topicPartitions);
    }
}
