package dev.runnel.clients.admin;

import dev.runnel.clients.consumer.OffsetAndMetadata;
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
    private final GroupCoordinator coordinator;

    GroupAdmin(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    /** Runnel's groups are all {@link GroupType#CLASSIC}, so asking for other types lists none. */
    ListConsumerGroupsResult list(ListConsumerGroupsOptions options) {
        List<ConsumerGroupListing> listings = new ArrayList<>();
        if (!options.types().isEmpty() && !options.types().contains(GroupType.CLASSIC)) {
            return new ListConsumerGroupsResult(listings);
        }
        for (GroupSummary group : coordinator.listGroups()) {
            if (!options.groupStates().isEmpty() && !options.groupStates().contains(group.state())) {
                continue;
            }
            listings.add(new ConsumerGroupListing(group.groupId(), Optional.of(group.state()),
                Optional.of(GroupType.CLASSIC), group.members().isEmpty() && group.assignor().isEmpty()));
        }
        return new ListConsumerGroupsResult(listings);
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
