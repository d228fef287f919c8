package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a group's assignment from its members' subscriptions, as Kafka's {@code ConsumerPartitionAssignor} does.
 * Runnel's group coordinator runs the assignor in-process on the group's behalf, so the method has the shape of
 * Kafka's {@code AbstractPartitionAssignor.assign}: partition counts and subscriptions in, partitions per member out.
 * Implementations are pure functions of their arguments and must be thread-safe.
 */
public interface ConsumerPartitionAssignor {
    /** Orders members as Kafka's assignors do: static members by instance id first, then the rest by member id. */
    Comparator<Map.Entry<String, Subscription>> MEMBER_ORDER = (a, b) -> {
        Optional<String> ia = a.getValue().groupInstanceId();
        Optional<String> ib = b.getValue().groupInstanceId();
        if (ia.isPresent() && ib.isPresent()) {
            return ia.get().compareTo(ib.get());
        } else if (ia.isPresent() != ib.isPresent()) {
            return ia.isPresent() ? -1 : 1;
        }
        return a.getKey().compareTo(b.getKey());
    };

    /** The name members agree on, e.g. {@code range}. */
    String name();

    /** The rebalance protocols this assignor supports; eager only unless overridden. */
    default List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.EAGER);
    }

    /**
     * Returns the partitions of each member, keyed by member id; every member of {@code subscriptions} has an entry.
     *
     * @param partitionsPerTopic the partition count of each subscribed topic that exists
     * @param subscriptions      each member's subscription, keyed by member id
     */
    Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                             Map<String, Subscription> subscriptions);

    /**
     * As {@link #assign}, with opaque user data per member that the member's own assignor receives in
     * {@link #onAssignment}; the shape of Kafka's {@code GroupAssignment}. By default there is no user data.
     */
    default Map<String, Assignment> assignWithUserData(Map<String, Integer> partitionsPerTopic,
                                                       Map<String, Subscription> subscriptions) {
        Map<String, Assignment> assignments = new java.util.HashMap<>();
        assign(partitionsPerTopic, subscriptions).forEach((member, partitions) ->
            assignments.put(member, new Assignment(partitions, null)));
        return assignments;
    }

    /**
     * Returns the user data this member adds to its subscription for the assignor ({@code null} for none), as
     * Kafka's; asked on each rebalance, possibly from another thread, so it must be thread-safe.
     */
    default ByteBuffer subscriptionUserData(Set<String> topics) {
        return null;
    }

    /**
     * Called on the member's consumer thread with its assignment of a completed rebalance, before the rebalance
     * listener hears of the assigned partitions.
     */
    default void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
    }

    /** Eager: every member revokes everything before a rebalance. Cooperative: only moved partitions are revoked. */
    enum RebalanceProtocol {
        EAGER, COOPERATIVE
    }

    /**
     * One member's subscription: its topics, the partitions it owns now, its static instance id, if any, and the user
     * data of its assignor ({@link #subscriptionUserData}), if any.
     */
    record Subscription(List<String> topics, List<TopicPartition> ownedPartitions, Optional<String> groupInstanceId,
                        ByteBuffer userData) {
        public Subscription {
            topics = List.copyOf(topics);
            ownedPartitions = List.copyOf(ownedPartitions);
            Objects.requireNonNull(groupInstanceId, "groupInstanceId");
        }

        public Subscription(List<String> topics, List<TopicPartition> ownedPartitions,
                            Optional<String> groupInstanceId) {
            this(topics, ownedPartitions, groupInstanceId, null);
        }

        public Subscription(List<String> topics) {
            this(topics, List.of(), Optional.empty());
        }
    }

    /** One member's share of a rebalance: its partitions and the assignor's user data for it ({@code null} if none). */
    record Assignment(List<TopicPartition> partitions, ByteBuffer userData) {
        public Assignment {
            partitions = List.copyOf(partitions);
        }
    }

    /** Every member's subscription to one rebalance, keyed by member id, as Kafka's {@code GroupSubscription}. */
    record GroupSubscription(Map<String, Subscription> groupSubscription) {
        public GroupSubscription {
            groupSubscription = Map.copyOf(groupSubscription);
        }
    }

    /** Every member's assignment of one rebalance, keyed by member id, as Kafka's {@code GroupAssignment}. */
    record GroupAssignment(Map<String, Assignment> groupAssignment) {
        public GroupAssignment {
            groupAssignment = Map.copyOf(groupAssignment);
        }
    }
}
