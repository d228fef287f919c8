package dev.runnel.log.internal.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.CommitFailedException;
import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor.Subscription;
import dev.runnel.clients.consumer.CooperativeStickyAssignor;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.consumer.RangeAssignor;
import dev.runnel.common.GroupState;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidTopicException;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import dev.runnel.common.errors.RebalanceInProgressException;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator driven by hand with {@link ManualTime}: rebalance state machine, commit fencing, expiry and the
 * transactional-offsets interface the transaction coordinator uses.
 */
class GroupCoordinatorTest {
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);
    private static final long PID = 4711L;
    private static final short EPOCH = 3;

    @TempDir
    Path dataDir;
    private final ManualTime time = new ManualTime();
    private RunnelLog log;

    @BeforeEach
    void open() {
        log = RunnelLog.open(RunnelLogConfig.of(dataDir), time);
        log.createTopic("t", 4, Map.of());
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.groupCoordinator().checkInvariants();
            log.close();
        }
    }

    private void reopen() {
        log.close();
        log = RunnelLog.open(RunnelLogConfig.of(dataDir), time);
    }

    private GroupCoordinator coordinator() {
        return log.groupCoordinator();
    }

    private JoinRequest join(GroupMember member, Optional<String> instance, List<TopicPartition> owned) {
        return new JoinRequest("g", member, instance, "client", List.of("t"), owned,
            List.of(new RangeAssignor()), 1_000, 5_000);
    }

    private GroupCoordinator.Assignment assignmentOf(GroupMember member) throws InterruptedException {
        GroupCoordinator.Assignment assignment = coordinator().awaitAssignment(member, 0);
        assertNotNull(assignment, member + " has no assignment yet");
        return assignment;
    }

    @Test
    void shouldWaitForEveryMemberToRejoinBeforeTheNextGeneration() throws InterruptedException {
        GroupMember a = coordinator().join(join(null, Optional.empty(), List.of()));
        assertEquals(1, assignmentOf(a).generation());
        assertEquals(4, assignmentOf(a).partitions().size());

        GroupMember b = coordinator().join(join(null, Optional.empty(), List.of()));
        assertEquals(Optional.of(GroupState.PREPARING_REBALANCE), coordinator().state("g"));
        assertTrue(a.rejoinRequested());
        assertEquals(null, coordinator().awaitAssignment(b, 0));
        // The old generation can still commit while the group prepares, as in Kafka (onPartitionsRevoked does).
        coordinator().commitOffsets("g", a.memberId(), 1, Map.of(T0, new OffsetAndMetadata(5)));

        coordinator().join(join(a, Optional.empty(), List.of()));
        assertEquals(2, assignmentOf(a).generation());
        assertEquals(2, assignmentOf(b).partitions().size());
        java.util.Set<TopicPartition> union = new java.util.HashSet<>(assignmentOf(a).partitions());
        union.addAll(assignmentOf(b).partitions());
        assertEquals(4, union.size(), "range splits the four partitions between a and b");
        assertThrows(CommitFailedException.class,
            () -> coordinator().commitOffsets("g", a.memberId(), 1, Map.of(T0, new OffsetAndMetadata(6))));
        assertEquals(5, coordinator().fetchOffsets("g", null).get(T0).offset());
    }

    @Test
    void shouldRefuseCommitsFromRemovedMembersAndAnswerRebalanceInProgressToUncollectedAssignments()
        throws InterruptedException {
        GroupMember a = coordinator().join(join(null, Optional.empty(), List.of()));
        GroupMember b = coordinator().join(join(null, Optional.empty(), List.of()));
        coordinator().join(join(a, Optional.empty(), List.of()));
        // b joined generation 2 but its consumer still thinks it is in generation 0: the assignment is uncollected.
        assertThrows(RebalanceInProgressException.class,
            () -> coordinator().commitOffsets("g", b.memberId(), 0, Map.of(T0, new OffsetAndMetadata(1))));
        coordinator().leave(b, "test");
        CommitFailedException e = assertThrows(CommitFailedException.class,
            () -> coordinator().commitOffsets("g", b.memberId(), 2, Map.of(T0, new OffsetAndMetadata(1))));
        assertTrue(e.getMessage().startsWith("Commit cannot be completed since the group has already rebalanced"));
        assertTrue(b.isRemoved());
        assertEquals(2, coordinator().generation("g"), "the next generation starts once a rejoins");
        assertEquals(Optional.of(GroupState.PREPARING_REBALANCE), coordinator().state("g"));
    }

    @Test
    void shouldRemoveAMemberThatStopsPollingAndAClosedStaticMemberAfterItsSession() throws InterruptedException {
        GroupMember a = coordinator().join(join(null, Optional.empty(), List.of()));
        GroupMember s = coordinator().join(join(null, Optional.of("static-1"), List.of()));
        coordinator().join(join(a, Optional.empty(), List.of()));
        assertEquals(2, coordinator().generation("g"));

        coordinator().closeWithoutLeaving(s);
        time.sleep(999);
        a.recordPoll(time.milliseconds());
        assertEquals(0, coordinator().doWork());
        assertFalse(a.rejoinRequested(), "a closed static member causes no rebalance");
        time.sleep(2);
        a.recordPoll(time.milliseconds());
        // The coordinator's own expiry thread may get there first, so the outcome is checked, not who did the work.
        coordinator().doWork();
        assertTrue(s.isRemoved());
        assertTrue(s.removalReason().contains("session timeout"), s.removalReason());
        assertTrue(a.rejoinRequested());

        coordinator().join(join(a, Optional.empty(), List.of()));
        time.sleep(5_001);
        coordinator().doWork();
        assertTrue(a.isRemoved());
        assertTrue(a.removalReason().contains("max.poll.interval.ms"), a.removalReason());
        assertEquals(Optional.of(GroupState.EMPTY), coordinator().state("g"));
    }

    @Test
    void shouldKeepAStaticMembersAssignmentAndGenerationWhenItRejoinsInTime() throws InterruptedException {
        GroupMember s = coordinator().join(join(null, Optional.of("i"), List.of()));
        List<TopicPartition> before = assignmentOf(s).partitions();
        coordinator().closeWithoutLeaving(s);
        time.sleep(500);
        GroupMember again = coordinator().join(join(null, Optional.of("i"), List.of()));
        assertEquals(1, assignmentOf(again).generation());
        assertEquals(before, assignmentOf(again).partitions());
        assertTrue(s.isRemoved(), "the old member id is fenced");
        assertEquals(1, coordinator().generation("g"));
    }

    @Test
    void shouldWithholdPartitionsThatChangeOwnerUntilTheOwnerRevokesThem() {
        Map<String, Subscription> subscriptions = Map.of(
            "a", new Subscription(List.of("t"), List.of(T0, T1), Optional.empty()),
            "b", new Subscription(List.of("t")));
        Map<String, List<TopicPartition>> adjusted = ConsumerGroup.withholdMovedPartitions(
            Map.of("a", List.of(T0), "b", List.of(T1)), subscriptions);
        assertEquals(List.of(T0), adjusted.get("a"));
        assertEquals(List.of(), adjusted.get("b"));
    }

    @Test
    void shouldRunTheCooperativeFollowUpRebalance() throws InterruptedException {
        JoinRequest first = new JoinRequest("g", null, Optional.empty(), "c", List.of("t"), List.of(),
            List.of(new CooperativeStickyAssignor()), 1_000, 5_000);
        GroupMember a = coordinator().join(first);
        List<TopicPartition> all = assignmentOf(a).partitions();
        GroupMember b = coordinator().join(first);
        coordinator().join(new JoinRequest("g", a, Optional.empty(), "c", List.of("t"), all,
            List.of(new CooperativeStickyAssignor()), 1_000, 5_000));
        assertEquals(2, assignmentOf(a).partitions().size());
        assertEquals(List.of(), assignmentOf(b).partitions(), "moved partitions wait for the follow-up");
        coordinator().join(new JoinRequest("g", a, Optional.empty(), "c", List.of("t"), assignmentOf(a).partitions(),
            List.of(new CooperativeStickyAssignor()), 1_000, 5_000));
        coordinator().join(new JoinRequest("g", b, Optional.empty(), "c", List.of("t"), List.of(),
            List.of(new CooperativeStickyAssignor()), 1_000, 5_000));
        assertEquals(2, assignmentOf(b).partitions().size());
        assertEquals(3, assignmentOf(b).generation());
    }

    @Test
    void shouldPersistCommittedOffsetsAndTombstonesAcrossRestart() {
        coordinator().commitOffsets("g", "", -1, Map.of(T0, new OffsetAndMetadata(7, "meta"), T1,
            new OffsetAndMetadata(9)));
        coordinator().commitOffsets("h", "", -1, Map.of(T0, new OffsetAndMetadata(1)));
        coordinator().deleteGroup("h");
        reopen();
        assertEquals(Map.of(T0, new OffsetAndMetadata(7, "meta"), T1, new OffsetAndMetadata(9)),
            coordinator().fetchOffsets("g", null));
        assertEquals(Map.of(), coordinator().fetchOffsets("h", null));
        assertEquals(List.of("g"), coordinator().listGroups().stream().map(GroupSummary::groupId).toList());
    }

    @Test
    void shouldForgetTheOffsetsOfADeletedTopicForGood() {
        log.createTopic("gone", 1, Map.of());
        TopicPartition gone = new TopicPartition("gone", 0);
        coordinator().commitOffsets("g", "", -1, Map.of(T0, new OffsetAndMetadata(7), gone, new OffsetAndMetadata(3)));
        coordinator().commitOffsets("h", "", -1, Map.of(gone, new OffsetAndMetadata(4)));

        log.deleteTopic("gone");

        assertEquals(Map.of(T0, new OffsetAndMetadata(7)), coordinator().fetchOffsets("g", null));
        assertEquals(Map.of(), coordinator().fetchOffsets("h", null));
        reopen();
        assertEquals(Map.of(T0, new OffsetAndMetadata(7)), coordinator().fetchOffsets("g", null),
            "the deletion is written, as tombstones");
        assertEquals(Map.of(), coordinator().fetchOffsets("h", null));
    }

    @Test
    void shouldRefuseOffsetsOfATopicThatNoLongerExistsAndCommitTheOthers() {
        log.createTopic("gone", 1, Map.of());
        log.deleteTopic("gone");
        TopicPartition gone = new TopicPartition("gone", 0);

        UnknownTopicOrPartitionException refused = assertThrows(UnknownTopicOrPartitionException.class,
            () -> coordinator().commitOffsets("g", "", -1, Map.of(T0, new OffsetAndMetadata(7), gone,
                new OffsetAndMetadata(3))));

        assertTrue(refused.getMessage().contains("gone-0"), refused.getMessage());
        assertEquals(Map.of(T0, new OffsetAndMetadata(7)), coordinator().fetchOffsets("g", null));
        assertThrows(UnknownTopicOrPartitionException.class, () -> coordinator().commitOffsets("g", "", -1,
            Map.of(new TopicPartition("t", 9), new OffsetAndMetadata(1))), "t has 4 partitions");
    }

    @Test
    void shouldDropStagedOffsetsOfADeletedTopicSoThatTheirCommitDoesNotBringThemBack() {
        log.createTopic("gone", 1, Map.of());
        TopicPartition gone = new TopicPartition("gone", 0);
        coordinator().stageTransactionalOffsets(PID, EPOCH, groupOnly("g"), Map.of(T0, new OffsetAndMetadata(10), gone,
            new OffsetAndMetadata(5)));

        log.deleteTopic("gone");
        writeMarker(true);
        coordinator().completeTransaction(PID, true);

        assertEquals(Map.of(T0, new OffsetAndMetadata(10)), coordinator().fetchOffsets("g", null));
        reopen();
        assertEquals(Map.of(T0, new OffsetAndMetadata(10)), coordinator().fetchOffsets("g", null),
            "replayed: the tombstone drops the staged offset before the commit marker");
    }

    @Test
    void shouldRefuseToDeleteTheOffsetsTopic() {
        coordinator().commitOffsets("g", "", -1, Map.of(T0, new OffsetAndMetadata(7)));

        InvalidTopicException refused = assertThrows(InvalidTopicException.class,
            () -> log.deleteTopic("__consumer_offsets"));

        assertTrue(refused.getMessage().contains("cannot be deleted"), refused.getMessage());
        reopen();
        assertEquals(Map.of(T0, new OffsetAndMetadata(7)), coordinator().fetchOffsets("g", null));
    }

    /**
     * KIP-447: offsets a member commits in a transaction carry its consumer's group metadata, which must be current,
     * so that a member the group has moved on from (a zombie) cannot commit its old tasks' input; a producer that
     * names only the group commits as before.
     */
    @Test
    void shouldRefuseTransactionalOffsetsOfAMemberTheGroupMovedOnFrom() throws InterruptedException {
        GroupMember a = coordinator().join(join(null, Optional.empty(), List.of()));
        coordinator().stageTransactionalOffsets(PID, EPOCH, new ConsumerGroupMetadata("g", 1, a.memberId(),
            Optional.empty()), Map.of(T0, new OffsetAndMetadata(10)));
        GroupMember b = coordinator().join(join(null, Optional.empty(), List.of()));
        coordinator().join(join(a, Optional.empty(), List.of()));
        assertEquals(2, assignmentOf(a).generation(), "a collected generation 2; b has not yet");
        assertThrows(CommitFailedException.class, () -> coordinator().stageTransactionalOffsets(PID, EPOCH,
            new ConsumerGroupMetadata("g", 1, a.memberId(), Optional.empty()), Map.of(T0, new OffsetAndMetadata(11))));
        assertThrows(RebalanceInProgressException.class, () -> coordinator().stageTransactionalOffsets(PID + 1,
            EPOCH, new ConsumerGroupMetadata("g", 0, b.memberId(), Optional.empty()),
            Map.of(T1, new OffsetAndMetadata(1))));
        assertThrows(CommitFailedException.class, () -> coordinator().stageTransactionalOffsets(PID, EPOCH,
            new ConsumerGroupMetadata("g", 2, "gone", Optional.empty()), Map.of(T0, new OffsetAndMetadata(11))));
        coordinator().stageTransactionalOffsets(PID, EPOCH, groupOnly("g"), Map.of(T0, new OffsetAndMetadata(12)));
        writeMarker(true);
        coordinator().completeTransaction(PID, true);
        assertEquals(12, coordinator().fetchOffsets("g", null).get(T0).offset());
    }

    @Test
    void shouldShowTransactionalOffsetsOnlyAfterCommit() {
        coordinator().stageTransactionalOffsets(PID, EPOCH, groupOnly("g"), Map.of(T0, new OffsetAndMetadata(10)));
        assertEquals(Map.of(), coordinator().fetchOffsets("g", null));
        writeMarker(true);
        coordinator().completeTransaction(PID, true);
        assertEquals(10, coordinator().fetchOffsets("g", null).get(T0).offset());

        coordinator().stageTransactionalOffsets(PID, EPOCH, groupOnly("g"), Map.of(T0, new OffsetAndMetadata(20)));
        writeMarker(false);
        coordinator().completeTransaction(PID, false);
        assertEquals(10, coordinator().fetchOffsets("g", null).get(T0).offset());
        assertEquals(new TopicPartition("__consumer_offsets", 0), coordinator().offsetsPartitionFor("g"));
    }

    @Test
    void shouldRecoverTransactionalOffsetsOnlyWhenACommitMarkerFollows() {
        coordinator().stageTransactionalOffsets(PID, EPOCH, groupOnly("committed"),
            Map.of(T0, new OffsetAndMetadata(11)));
        coordinator().stageTransactionalOffsets(PID, EPOCH, groupOnly("committed"),
            Map.of(T1, new OffsetAndMetadata(12)));
        writeMarker(true);
        coordinator().stageTransactionalOffsets(PID + 1, EPOCH, groupOnly("aborted"),
            Map.of(T0, new OffsetAndMetadata(13)));
        writeMarker(PID + 1, false);
        coordinator().stageTransactionalOffsets(PID + 2, EPOCH, groupOnly("open"),
            Map.of(T0, new OffsetAndMetadata(14)));
        reopen();
        assertEquals(Map.of(T0, new OffsetAndMetadata(11), T1, new OffsetAndMetadata(12)),
            coordinator().fetchOffsets("committed", null));
        assertEquals(Map.of(), coordinator().fetchOffsets("aborted", null));
        assertEquals(Map.of(), coordinator().fetchOffsets("open", null));
        assertTrue(coordinator().hasPendingTransactionalOffsets(PID + 2), "no marker yet: still pending");
        assertFalse(coordinator().hasPendingTransactionalOffsets(PID));

        writeMarker(PID + 2, true);
        coordinator().completeTransaction(PID + 2, true);
        assertEquals(14, coordinator().fetchOffsets("open", null).get(T0).offset());
        reopen();
        assertEquals(14, coordinator().fetchOffsets("open", null).get(T0).offset());
    }

    @Test
    void shouldLetALaterPlainCommitWinOverAnEarlierStagedOffset() {
        coordinator().stageTransactionalOffsets(PID, EPOCH, groupOnly("g"), Map.of(T0, new OffsetAndMetadata(10)));
        coordinator().commitOffsets("g", "", -1, Map.of(T0, new OffsetAndMetadata(30)));
        writeMarker(true);
        coordinator().completeTransaction(PID, true);
        assertEquals(30, coordinator().fetchOffsets("g", null).get(T0).offset());
    }

    private void writeMarker(boolean commit) {
        writeMarker(PID, commit);
    }

    /** Writes a transaction marker as the transaction coordinator will: a control batch in Kafka's format. */
    private void writeMarker(long producerId, boolean commit) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 1024);
        builder.setProducerState(producerId, EPOCH, -1, true);
        builder.setControl(true);
        builder.append(time.milliseconds(), OffsetRecords.controlKey(commit), OffsetRecords.controlValue(0), null);
        ByteBuffer batch = builder.build();
        log.append(coordinator().offsetsPartitionFor("g"), ByteBuffer.allocate(batch.remaining()).put(batch).flip());
    }

    /** The metadata of a producer that names only the group, as before KIP-447. */
    private static ConsumerGroupMetadata groupOnly(String groupId) {
        return new ConsumerGroupMetadata(groupId);
    }
}
