package dev.runnel.clients.admin;

import dev.runnel.common.GroupState;
import dev.runnel.common.GroupType;
import java.util.Optional;

/** A consumer group as {@code listConsumerGroups} reports it. */
public record ConsumerGroupListing(String groupId, Optional<GroupState> groupState, Optional<GroupType> type,
                                   boolean isSimpleConsumerGroup) {
}
