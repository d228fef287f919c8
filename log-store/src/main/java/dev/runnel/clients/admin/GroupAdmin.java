package dev.runnel.clients.admin;

import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.GroupState;
import dev.runnel.common.GroupType;
import dev.runnel.common.KafkaFuture;
import dev.runnel.common.Node;
import dev.runnel.common.TopicPartition;
import dev.runnel.log.internal.group.GroupCoordinator;
import dev.runnel.log.internal.group.GroupSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The consumer-group calls of the admin client, run against the log's group coordinator. Thread-safe. */
final class GroupAdmin {
    /** The protocol type of a group whose members join through the consumer's group protocol. */
    static final String CONSUMER_PROTOCOL_TYPE = "consumer";

    private final GroupCoordinator coordinator;

    GroupAdmin(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    ListConsumerGroupsResult list(ListConsumerGroupsOptions options) {
        List<ConsumerGroupListing> listings = new ArrayList<>();
        for (GroupListing group : groups(options.types(), options.groupStates(), Set.of())) {
            listings.add(new ConsumerGroupListing(group.groupId(), group.groupState(), group.type(),
                group.isSimpleConsumerGroup()));
        }
        return new ListConsumerGroupsResult(listings);
    }

    ListGroupsResult listGroups(ListGroupsOptions options) {
        return new ListGroupsResult(groups(options.types(), options.groupStates(), options.protocolTypes()));
    }

    /**
     * The groups of these types, in these states, with these protocol types (an empty set: any). Runnel's groups
     * are all {@link GroupType#CLASSIC}; a group that never had a member or an assignor only holds offsets and has
     * no protocol type, as in Kafka.
     */
    private List<GroupListing> groups(Set<GroupType> types, Set<GroupState> states, Set<String> protocolTypes) {
        List<GroupListing> listings = new ArrayList<>();
        if (!types.isEmpty() && !types.contains(GroupType.CLASSIC)) {
            return listings;
        }
        for (GroupSummary group : coordinator.listGroups()) {
            String protocol = group.members().isEmpty() && group.assignor().isEmpty() ? "" : CONSUMER_PROTOCOL_TYPE;
            if ((states.isEmpty() || states.contains(group.state()))
                    && (protocolTypes.isEmpty() || protocolTypes.contains(protocol))) {
                listings.add(new GroupListing(group.groupId(), Optional.of(GroupType.CLASSIC), protocol,
                    Optional.of(group.state())));
            }
        }
        return listings;
    }

    DescribeConsumerGroupsResult describe(Collection<String> groupIds) {
        Map<String, KafkaFuture<ConsumerGroupDescription>> futures = new LinkedHashMap<>();
        for (String groupId : new LinkedHashSet<>(groupIds)) {
            futures.put(groupId, Futures.run(() -> describe(coordinator.describe(groupId))));
        }
        return new DescribeConsumerGroupsResult(futures);
    }

    private static ConsumerGroupDescription describe(GroupSummary group) {
        List<MemberDescription> members = new ArrayList<>();
        for (GroupSummary.MemberSummary m : group.members()) {
            members.add(new MemberDescription(m.memberId(), m.groupInstanceId(), m.clientId(),
                MemberDescription.EMBEDDED_HOST, new MemberAssignment(m.assignment())));
        }
        return new ConsumerGroupDescription(group.groupId(), group.members().isEmpty() && group.assignor().isEmpty(),
            members, group.assignor(), GroupType.CLASSIC, group.state(), Node.EMBEDDED,
            Optional.of(group.generation()));
    }

    DeleteConsumerGroupsResult delete(Collection<String> groupIds) {
        Map<String, KafkaFuture<Void>> futures = new LinkedHashMap<>();
        for (String groupId : new LinkedHashSet<>(groupIds)) {
            futures.put(groupId, Futures.run(() -> coordinator.deleteGroup(groupId)));
        }
        return new DeleteConsumerGroupsResult(futures);
    }

    ListConsumerGroupOffsetsResult listOffsets(String groupId) {
        return new ListConsumerGroupOffsetsResult(groupId,
            Map.of(groupId, Futures.run(() -> coordinator.fetchOffsets(groupId, null))));
    }

    AlterConsumerGroupOffsetsResult alterOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
        KafkaFuture<Void> outcome = Futures.run(() -> coordinator.alterOffsets(groupId, Map.copyOf(offsets)));
        return new AlterConsumerGroupOffsetsResult(perPartition(offsets.keySet(), outcome));
    }

    DeleteConsumerGroupOffsetsResult deleteOffsets(String groupId, Set<TopicPartition> partitions) {
        KafkaFuture<Void> outcome = Futures.run(() -> coordinator.deleteOffsets(groupId, Set.copyOf(partitions)));
        return new DeleteConsumerGroupOffsetsResult(perPartition(partitions, outcome));
    }

    /** The embedded coordinator applies a group's offsets all at once, so every partition shares the outcome. */
    private static Map<TopicPartition, KafkaFuture<Void>> perPartition(Collection<TopicPartition> partitions,
                                                                       KafkaFuture<Void> outcome) {
        Map<TopicPartition, KafkaFuture<Void>> futures = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            futures.put(tp, outcome);
        }
        return futures;
    }
}
