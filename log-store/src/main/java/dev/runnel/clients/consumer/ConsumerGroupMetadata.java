package dev.runnel.clients.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * A consumer's group identity at one moment: group, generation, member id and static instance id. A transactional
 * producer passes it to {@code sendOffsetsToTransaction} so that a zombie from an older generation is fenced.
 */
public final class ConsumerGroupMetadata {
    public static final int UNKNOWN_GENERATION_ID = -1;
    public static final String UNKNOWN_MEMBER_ID = "";

    private final String groupId;
    private final int generationId;
    private final String memberId;
    private final Optional<String> groupInstanceId;

    public ConsumerGroupMetadata(String groupId, int generationId, String memberId, Optional<String> groupInstanceId) {
        this.groupId = Objects.requireNonNull(groupId, "group.id can't be null");
        this.generationId = generationId;
        this.memberId = Objects.requireNonNull(memberId, "member.id can't be null");
        this.groupInstanceId = Objects.requireNonNull(groupInstanceId, "group.instance.id can't be null");
    }

    /** Metadata for a group only, as a producer that commits offsets for a group it is not a member of uses. */
    public ConsumerGroupMetadata(String groupId) {
        this(groupId, UNKNOWN_GENERATION_ID, UNKNOWN_MEMBER_ID, Optional.empty());
    }

    public String groupId() {
        return groupId;
    }

    public int generationId() {
        return generationId;
    }

    public String memberId() {
        return memberId;
    }

    public Optional<String> groupInstanceId() {
        return groupInstanceId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConsumerGroupMetadata that && generationId == that.generationId
            && groupId.equals(that.groupId) && memberId.equals(that.memberId)
            && groupInstanceId.equals(that.groupInstanceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groupId, generationId, memberId, groupInstanceId);
    }

    @Override
    public String toString() {
        return "GroupMetadata(groupId = " + groupId + ", generationId = " + generationId + ", memberId = " + memberId
            + ", groupInstanceId = " + groupInstanceId.orElse("") + ")";
    }
}
