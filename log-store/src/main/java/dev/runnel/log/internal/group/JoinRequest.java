package dev.runnel.log.internal.group;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor;
import dev.runnel.common.TopicPartition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A consumer's request to join (or rejoin) a group.
 *
 * @param member             the member rejoining, or null for a consumer that is not a member yet
 * @param ownedPartitions    the partitions the consumer owns now (empty with eager assignors, which revoke first)
 * @param assignors          the consumer's {@code partition.assignment.strategy}, in preference order
 * @param rebalanceTimeoutMs the consumer's {@code max.poll.interval.ms}, as in Kafka
 */
public record JoinRequest(String groupId, GroupMember member, Optional<String> groupInstanceId, String clientId,
                          List<String> topics, List<TopicPartition> ownedPartitions,
                          List<ConsumerPartitionAssignor> assignors, int sessionTimeoutMs, int rebalanceTimeoutMs) {
    public JoinRequest {
        Objects.requireNonNull(groupId, "groupId");
        topics = List.copyOf(topics);
        ownedPartitions = List.copyOf(ownedPartitions);
        assignors = List.copyOf(assignors);
    }
}
