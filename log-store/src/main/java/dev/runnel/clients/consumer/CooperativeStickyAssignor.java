package dev.runnel.clients.consumer;

import java.util.List;

/**
 * Kafka's {@code cooperative-sticky} assignor: the balanced, sticky assignment of {@link StickyAssignor}, run with the
 * cooperative protocol, so that only the partitions that move are revoked. Members keep their partitions while they
 * rejoin and report them as owned, so, unlike {@link StickyAssignor}, it needs no user data to find where they were.
 */
public class CooperativeStickyAssignor extends AbstractStickyAssignor {
    public static final String COOPERATIVE_STICKY_ASSIGNOR_NAME = "cooperative-sticky";

    /*
     * The cooperative half (a moved partition is withheld from its new owner until the old owner has revoked it, in a
     * follow-up rebalance) is not the assignor's job here: the group coordinator applies it to any assignor whose
     * protocol is cooperative. See KIP-429 for Kafka's design.
     */

    @Override
    public String name() {
        return COOPERATIVE_STICKY_ASSIGNOR_NAME;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    /**
     * The subscription's owned partitions: under the cooperative protocol a member keeps them while it rejoins (under
     * eager it has revoked them all, so the assignment starts afresh).
     */
    @Override
    MemberData memberData(Subscription subscription) {
        return new MemberData(subscription.ownedPartitions(), DEFAULT_GENERATION);
    }
}
