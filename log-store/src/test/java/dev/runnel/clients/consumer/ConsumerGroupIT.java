package dev.runnel.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.OffsetMetadataTooLarge;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.errors.InvalidGroupIdException;
import dev.runnel.common.errors.InvalidRegularExpression;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.group.GroupSummary;
import dev.runnel.testing.Configs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consumer groups over a real log folder, with real threads and short timeouts. */
class ConsumerGroupIT {
    private static final String TOPIC = "events";
    private static final int SESSION_TIMEOUT_MS = 1_000;

    @TempDir
    Path dataDir;
    private RunnelLog log;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void openLog() {
        // Held open for the whole test so that the log (and its coordinator) outlives the clients.
        log = RunnelLog.open(dataDir);
        log.createTopic(TOPIC, 6, Map.of());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (log != null) {
            log.groupCoordinator().checkInvariants();
            log.close();
        }
    }

    private Map<String, Object> config(Object... keyValues) {
        Map<String, Object> defaults = Configs.embedded(dataDir, "group.id", "g", "auto.offset.reset", "earliest",
            "enable.auto.commit", "false", "session.timeout.ms", SESSION_TIMEOUT_MS, "heartbeat.interval.ms", 50,
            "max.poll.interval.ms", 5_000, "max.poll.records", 50);
        return Configs.with(defaults, keyValues);
    }

    private KafkaConsumer<String, String> consumer(Object... keyValues) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config(keyValues), new StringDeserializer(),
            new StringDeserializer());
        resources.add(consumer::close);
        return consumer;
    }

    private GroupMemberThread member(String name, Map<TopicPartition, List<Long>> consumed,
                                     Map<TopicPartition, String> owners, List<String> violations,
                                     Object... keyValues) {
        GroupMemberThread member = new GroupMemberThread(name, config(keyValues), List.of(TOPIC), consumed, owners,
            violations);
        resources.add(member);
        return member.start();
    }

    private void produce(int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("log.dir", dataDir.toString(),
            "linger.ms", 0), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % 6, null, "v" + i));
            }
        }
    }

    /** Records the partitions a consumer revokes and loses; runs {@code onRevoke} first on each revocation. */
    private static final class RecordingListener implements ConsumerRebalanceListener {
        final List<TopicPartition> revoked = new ArrayList<>();
        final List<TopicPartition> lost = new ArrayList<>();
        private final Runnable onRevoke;

        RecordingListener(Runnable onRevoke) {
            this.onRevoke = onRevoke;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            onRevoke.run();
            revoked.addAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            lost.addAll(partitions);
        }
    }

    private static boolean sizes(List<GroupMemberThread> members, int... expected) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).assignment.size() != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<GroupMemberThread> members) {
        StringBuilder text = new StringBuilder();
        members.forEach(m -> text.append(m.name).append('=').append(GroupMemberThread.sorted(m.assignment))
            .append(m.failure == null ? "" : " failed: " + m.failure).append("; "));
        return text.toString();
    }

    @Test
    void shouldConsumeEveryRecordExactlyOnceWhileMembersJoinAndLeave() throws Exception {
        Map<TopicPartition, List<Long>> consumed = new ConcurrentHashMap<>();
        Map<TopicPartition, String> owners = GroupMemberThread.ownerMap();
        List<String> violations = GroupMemberThread.newViolations();
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("log.dir", dataDir.toString(),
                "linger.ms", 1), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; producing.get(); i++) {
                    p.send(new ProducerRecord<>(TOPIC, i % 6, null, "v" + i));
                    if (i % 100 == 0) {
                        p.flush();
                    }
                }
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        }, "producer");
        producer.start();

        List<GroupMemberThread> members = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            members.add(member(name, consumed, owners, violations));
        }
        Await.until(() -> sizes(members, 2, 2, 2), 10_000, () -> describe(members));
        Set<TopicPartition> union = new HashSet<>();
        members.forEach(m -> union.addAll(m.assignment));
        assertEquals(6, union.size(), describe(members));

        awaitProduced(2_000);
        long leftAt = System.nanoTime();
        members.get(2).close();
        members.remove(2);
        Await.until(() -> sizes(members, 3, 3), SESSION_TIMEOUT_MS, () -> describe(members));
        assertTrue(System.nanoTime() - leftAt < SESSION_TIMEOUT_MS * 1_000_000L);

        awaitProduced(4_000);
        members.add(member("d", consumed, owners, violations));
        Await.until(() -> sizes(members, 2, 2, 2), 10_000, () -> describe(members));
        awaitProduced(6_000);
        producing.set(false);
        producer.join();
        assertNull(producerFailure.get());

        Map<TopicPartition, Long> ends = new HashMap<>();
        for (int p = 0; p < 6; p++) {
            TopicPartition tp = new TopicPartition(TOPIC, p);
            ends.put(tp, log.partition(tp).logEndOffset());
        }
        Await.until(() -> ends.entrySet().stream().allMatch(e -> consumed.getOrDefault(e.getKey(), List.of()).size()
            >= e.getValue()), 20_000, () -> "consumed " + counts(consumed) + " of " + ends);
        for (GroupMemberThread member : members) {
            member.close();
            assertNull(member.failure, member.name);
        }
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            List<Long> offsets = new ArrayList<>(consumed.get(end.getKey()));
            offsets.sort(null);
            List<Long> expected = new ArrayList<>();
            for (long o = 0; o < end.getValue(); o++) {
                expected.add(o);
            }
            assertEquals(expected, offsets, end.getKey() + " read exactly once each");
        }
        assertEquals(List.of(), violations);
        assertTrue(ends.values().stream().mapToLong(Long::longValue).sum() > 0);
    }

    private void awaitProduced(long records) {
        Await.until(() -> {
            long sum = 0;
            for (int p = 0; p < 6; p++) {
                sum += log.partition(new TopicPartition(TOPIC, p)).logEndOffset();
            }
            return sum >= records;
        }, 20_000, () -> "fewer than " + records + " records produced");
    }

    private static Map<TopicPartition, Integer> counts(Map<TopicPartition, List<Long>> consumed) {
        Map<TopicPartition, Integer> counts = new HashMap<>();
        consumed.forEach((tp, offsets) -> counts.put(tp, offsets.size()));
        return counts;
    }

    @Test
    void shouldKeepCommittedOffsetsAcrossARestartOfTheLog() {
        produce(60);
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config(), new StringDeserializer(),
            new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            int read = 0;
            while (read < 60) {
                read += consumer.poll(Duration.ofMillis(100)).count();
            }
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(4, "four")));
        }
        log.close();
        log = null;
        log = RunnelLog.open(dataDir);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config(), new StringDeserializer(),
            new StringDeserializer())) {
            assertEquals(new OffsetAndMetadata(4, "four"), consumer.committed(Set.of(p0)).get(p0));
            TopicPartition p1 = new TopicPartition(TOPIC, 1);
            assertNull(consumer.committed(Set.of(p1)).get(p1));
            consumer.assign(List.of(p0));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            while (records.isEmpty()) {
                records = consumer.poll(Duration.ofMillis(100));
            }
            assertEquals(4, records.iterator().next().offset(), "resumes at the committed offset");
        }
    }

    @Test
    void shouldRefuseOffsetMetadataLongerThanTheLogAllowsAndCommitTheRest() {
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p1 = new TopicPartition(TOPIC, 1);
        KafkaConsumer<String, String> consumer = consumer();
        consumer.assign(List.of(p0, p1));
        // offset.metadata.max.bytes is 4096 by default, as on Kafka's broker.
        consumer.commitSync(Map.of(p0, new OffsetAndMetadata(1, "x".repeat(4096))));
        OffsetMetadataTooLarge e = assertThrows(OffsetMetadataTooLarge.class, () -> consumer.commitSync(Map.of(
            p0, new OffsetAndMetadata(2, "x".repeat(4097)), p1, new OffsetAndMetadata(3, "fits"))));
        assertTrue(e.getMessage().contains("[" + p0 + "]") && e.getMessage().contains("offset.metadata.max.bytes"),
            e.getMessage());
        assertEquals(Map.of(p0, new OffsetAndMetadata(1, "x".repeat(4096)), p1, new OffsetAndMetadata(3, "fits")),
            consumer.committed(Set.of(p0, p1)), "the offset with the long metadata is not committed, the other is");
    }

    @Test
    void shouldTakeAwayTheWorkOfAMemberThatStopsPolling() throws Exception {
        produce(60);
        Map<TopicPartition, List<Long>> consumed = new ConcurrentHashMap<>();
        Map<TopicPartition, String> owners = GroupMemberThread.ownerMap();
        List<String> violations = GroupMemberThread.newViolations();
        GroupMemberThread active = member("active", consumed, owners, violations, "max.poll.interval.ms", 500);
        KafkaConsumer<String, String> slow = consumer("max.poll.interval.ms", 500);
        RecordingListener listener = new RecordingListener(() -> { });
        List<TopicPartition> lost = listener.lost;
        List<TopicPartition> revoked = listener.revoked;
        slow.subscribe(List.of(TOPIC), listener);
        Await.until(() -> {
            slow.poll(Duration.ofMillis(20));
            return slow.assignment().size() == 3 && active.assignment.size() == 3;
        }, 10_000, () -> "slow=" + slow.assignment() + " active=" + active.assignment);
        Set<TopicPartition> slowOwned = Set.copyOf(slow.assignment());
        revoked.clear();
        int generation = slow.groupMetadata().generationId();

        // The slow member stops polling; after max.poll.interval.ms the active member gets everything.
        Await.until(() -> active.assignment.size() == 6, 15_000, () -> "active=" + active.assignment);
        TopicPartition owned = slowOwned.iterator().next();
        CommitFailedException refused = assertThrows(CommitFailedException.class,
            () -> slow.commitSync(Map.of(owned, new OffsetAndMetadata(1))));
        assertTrue(refused.getMessage().startsWith("Commit cannot be completed since the group has already "
            + "rebalanced and assigned the partitions to another member."), refused.getMessage());

        slow.poll(Duration.ofMillis(10));
        assertEquals(slowOwned, Set.copyOf(lost), "onPartitionsLost gets the partitions it had");
        assertEquals(List.of(), revoked);
        Await.until(() -> {
            slow.poll(Duration.ofMillis(20));
            return slow.assignment().size() == 3 && active.assignment.size() == 3;
        }, 10_000, () -> "slow=" + slow.assignment() + " active=" + active.assignment);
        assertTrue(slow.groupMetadata().generationId() > generation);
        assertNull(active.failure);
    }

    @Test
    void shouldMoveOnlyTheNeededPartitionsWithCooperativeSticky() throws Exception {
        Object[] cooperative = {"partition.assignment.strategy", "cooperative-sticky"};
        Map<TopicPartition, List<Long>> consumed = new ConcurrentHashMap<>();
        Map<TopicPartition, String> owners = GroupMemberThread.ownerMap();
        List<String> violations = GroupMemberThread.newViolations();
        List<GroupMemberThread> members = new ArrayList<>();
        members.add(member("a", consumed, owners, violations, cooperative));
        Await.until(() -> sizes(members, 6), 10_000, () -> describe(members));
        members.add(member("b", consumed, owners, violations, cooperative));
        Await.until(() -> sizes(members, 3, 3), 10_000, () -> describe(members));
        Set<TopicPartition> aBefore = members.get(0).assignment;
        Set<TopicPartition> bBefore = members.get(1).assignment;
        assertEquals(3, members.get(0).revoked.size(), "a gave b exactly three partitions");
        members.get(0).revoked.clear();

        members.add(member("c", consumed, owners, violations, cooperative));
        Await.until(() -> sizes(members, 2, 2, 2), 10_000, () -> describe(members));
        Set<TopicPartition> moved = new HashSet<>(members.get(0).revoked);
        moved.addAll(members.get(1).revoked);
        assertEquals(members.get(2).assignment, moved, "only the partitions c needed were revoked");
        assertTrue(aBefore.containsAll(members.get(0).assignment), "a kept partitions it had");
        assertTrue(bBefore.containsAll(members.get(1).assignment), "b kept partitions it had");
        assertEquals(List.of(), violations);
        for (GroupMemberThread member : members) {
            member.close();
            assertNull(member.failure, member.name);
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void shouldKeepPartitionsWithTheirOwnersWithEagerSticky() throws Exception {
        Object[] sticky = {"partition.assignment.strategy", StickyAssignor.class.getName()};
        Map<TopicPartition, List<Long>> consumed = new ConcurrentHashMap<>();
        Map<TopicPartition, String> owners = GroupMemberThread.ownerMap();
        List<String> violations = GroupMemberThread.newViolations();
        List<GroupMemberThread> members = new ArrayList<>();
        members.add(member("a", consumed, owners, violations, sticky));
        Await.until(() -> sizes(members, 6), 10_000, () -> describe(members));
        members.add(member("b", consumed, owners, violations, sticky));
        Await.until(() -> sizes(members, 3, 3), 10_000, () -> describe(members));
        Set<TopicPartition> aBefore = members.get(0).assignment;
        Set<TopicPartition> bBefore = members.get(1).assignment;
        members.get(0).revoked.clear();
        members.get(1).revoked.clear();

        members.add(member("c", consumed, owners, violations, sticky));
        Await.until(() -> sizes(members, 2, 2, 2), 10_000, () -> describe(members));
        assertEquals(StickyAssignor.STICKY_ASSIGNOR_NAME, log.groupCoordinator().describe("g").assignor());
        assertEquals(aBefore, Set.copyOf(members.get(0).revoked), "eager: a revoked everything before rejoining");
        assertEquals(bBefore, Set.copyOf(members.get(1).revoked), "eager: b revoked everything before rejoining");
        assertTrue(aBefore.containsAll(members.get(0).assignment), "a got back only partitions it had: "
            + describe(members));
        assertTrue(bBefore.containsAll(members.get(1).assignment), "b got back only partitions it had: "
            + describe(members));
        for (GroupMemberThread member : members) {
            member.close();
            assertNull(member.failure, member.name);
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void shouldReportPartitionsLostNotRevokedWhenClosedWhileARebalanceItJoinedIsIncomplete() {
        Object[] cooperative = {"partition.assignment.strategy", "cooperative-sticky"};
        KafkaConsumer<String, String> closing = consumer(cooperative);
        KafkaConsumer<String, String> idle = consumer(cooperative);
        RecordingListener listener = new RecordingListener(closing::commitSync);
        List<TopicPartition> revoked = listener.revoked;
        List<TopicPartition> lost = listener.lost;
        closing.subscribe(List.of(TOPIC), listener);
        idle.subscribe(List.of(TOPIC));
        Await.until(() -> {
            closing.poll(Duration.ofMillis(10));
            idle.poll(Duration.ofMillis(10));
            return closing.assignment().size() == 3 && idle.assignment().size() == 3;
        }, 10_000, () -> closing.assignment() + " / " + idle.assignment());
        Set<TopicPartition> owned = Set.copyOf(closing.assignment());
        revoked.clear();

        // A third member starts a rebalance; the closing member rejoins it, but the idle one has not, so it is open.
        KafkaConsumer<String, String> joining = consumer(cooperative);
        joining.subscribe(List.of(TOPIC));
        joining.poll(Duration.ofMillis(10));
        closing.poll(Duration.ofMillis(10));
        assertEquals(owned, closing.assignment(), "the rebalance is still open");

        closing.close();
        assertEquals(List.of(), revoked);
        assertEquals(owned, Set.copyOf(lost));
    }

    @Test
    void shouldKeepAStaticMembersAssignmentWhenItReturnsWithinTheSessionTimeout() {
        KafkaConsumer<String, String> s1 = consumer("group.instance.id", "instance-1");
        KafkaConsumer<String, String> s2 = consumer("group.instance.id", "instance-2");
        subscribeAndSplit(s1, s2);
        Set<TopicPartition> s1Partitions = s1.assignment();
        int generation = s1.groupMetadata().generationId();
        assertEquals(generation, s2.groupMetadata().generationId());
        s1.close();

        KafkaConsumer<String, String> back = consumer("group.instance.id", "instance-1");
        back.subscribe(List.of(TOPIC));
        Await.until(() -> {
            back.poll(Duration.ofMillis(10));
            s2.poll(Duration.ofMillis(10));
            return !back.assignment().isEmpty();
        }, 5_000, () -> "instance-1 got nothing back");
        assertEquals(s1Partitions, back.assignment());
        assertEquals(generation, back.groupMetadata().generationId(), "no rebalance");
        assertEquals(generation, log.groupCoordinator().generation("g"));
        assertEquals(3, s2.assignment().size());

        back.close();
        long closedAt = System.nanoTime();
        Await.until(() -> {
            s2.poll(Duration.ofMillis(10));
            return s2.assignment().size() == 6;
        }, 10_000, () -> "instance-2 has " + s2.assignment());
        assertTrue(System.nanoTime() - closedAt >= SESSION_TIMEOUT_MS * 1_000_000L,
            "removed only after the session timeout");
        assertTrue(s2.groupMetadata().generationId() > generation);
    }

    @Test
    void shouldRebalanceAtOnceWhenAStaticMemberClosesLeavingTheGroup() {
        KafkaConsumer<String, String> s1 = consumer("group.instance.id", "instance-1");
        KafkaConsumer<String, String> s2 = consumer("group.instance.id", "instance-2");
        subscribeAndSplit(s1, s2);

        s1.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        assertEquals(List.of(Optional.of("instance-2")), log.groupCoordinator().describe("g").members().stream()
            .map(GroupSummary.MemberSummary::groupInstanceId).toList(), "the static member left on close");
        Await.until(() -> {
            s2.poll(Duration.ofMillis(10));
            return s2.assignment().size() == 6;
        }, 10_000, () -> "instance-2 has " + s2.assignment());
    }

    @Test
    void shouldKeepADynamicMemberThatClosesRemainingInTheGroupUntilItsSessionTimesOut() {
        KafkaConsumer<String, String> d1 = consumer();
        KafkaConsumer<String, String> d2 = consumer();
        subscribeAndSplit(d1, d2);

        d1.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        long closedAt = System.nanoTime();
        Await.until(() -> {
            d2.poll(Duration.ofMillis(10));
            return d2.assignment().size() == 6;
        }, 10_000, () -> "the other member has " + d2.assignment());
        assertTrue(System.nanoTime() - closedAt >= SESSION_TIMEOUT_MS * 1_000_000L,
            "removed only after the session timeout");
    }

    @Test
    void shouldNotWriteBackThePositionOfADeletedTopic() {
        log.createTopic("doomed", 1, Map.of());
        produce(12);
        KafkaConsumer<String, String> member = consumer("enable.auto.commit", "true", "auto.commit.interval.ms", 10);
        member.subscribe(List.of(TOPIC, "doomed"));
        Await.until(() -> {
            member.poll(Duration.ofMillis(10));
            return member.assignment().size() == 7;
        }, 10_000, () -> "the member has " + member.assignment());

        log.deleteTopic("doomed");
        Await.until(() -> {
            member.poll(Duration.ofMillis(10));
            return member.assignment().size() == 6;
        }, 10_000, () -> "the member still has " + member.assignment());
        member.poll(Duration.ofMillis(50)); // auto-commits again, after the rebalance

        assertTrue(log.groupCoordinator().fetchOffsets("g", null).keySet().stream()
            .noneMatch(tp -> tp.topic().equals("doomed")), "no offset of the deleted topic is committed again: "
            + log.groupCoordinator().fetchOffsets("g", null));
    }

    /** Subscribes both members to the 6-partition topic and waits until each owns 3. */
    private static void subscribeAndSplit(KafkaConsumer<String, String> first, KafkaConsumer<String, String> second) {
        first.subscribe(List.of(TOPIC));
        second.subscribe(List.of(TOPIC));
        Await.until(() -> {
            first.poll(Duration.ofMillis(10));
            second.poll(Duration.ofMillis(10));
            return first.assignment().size() == 3 && second.assignment().size() == 3;
        }, 10_000, () -> first.assignment() + " / " + second.assignment());
    }

    @Test
    void shouldAutoCommitOnTheIntervalAndOnClose() {
        produce(30);
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        KafkaConsumer<String, String> consumer = consumer("enable.auto.commit", "true", "auto.commit.interval.ms",
            100);
        consumer.assign(List.of(p0));
        int read = 0;
        while (read < 5) {
            read += consumer.poll(Duration.ofMillis(100)).count();
        }
        Await.until(() -> {
            consumer.poll(Duration.ofMillis(20));
            OffsetAndMetadata committed = consumer.committed(Set.of(p0)).get(p0);
            return committed != null && committed.offset() == 5;
        }, 5_000, () -> "committed " + consumer.committed(Set.of(p0)));

        produce(6);
        KafkaConsumer<String, String> onClose = consumer("group.id", "h", "enable.auto.commit", "true",
            "auto.commit.interval.ms", 600_000);
        onClose.subscribe(List.of(TOPIC));
        read = 0;
        while (read < 36) {
            read += onClose.poll(Duration.ofMillis(100)).count();
        }
        assertNull(onClose.committed(Set.of(p0)).get(p0), "not before the interval");
        onClose.close();
        assertEquals(6, log.groupCoordinator().fetchOffsets("h", null).get(p0).offset());
    }

    @Test
    void shouldCallTheCommitAsyncCallbackAndReadTheOffsetBack() {
        produce(12);
        KafkaConsumer<String, String> consumer = consumer();
        consumer.subscribe(List.of(TOPIC));
        int read = 0;
        while (read < 12) {
            read += consumer.poll(Duration.ofMillis(100)).count();
        }
        List<Map<TopicPartition, OffsetAndMetadata>> completed = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        consumer.commitAsync((offsets, exception) -> {
            completed.add(offsets);
            errors.add(exception);
        });
        consumer.poll(Duration.ZERO);
        assertEquals(1, completed.size());
        assertEquals(6, completed.get(0).size());
        assertNull(errors.get(0));
        Set<TopicPartition> all = completed.get(0).keySet();
        consumer.committed(all).values().forEach(offset -> assertEquals(2, offset.offset()));
    }

    @Test
    void shouldRefuseGroupCallsWithoutAGroupIdAndMixingAssignWithSubscribe() {
        Map<String, Object> noGroup = config();
        noGroup.remove("group.id");
        noGroup.remove("enable.auto.commit");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(noGroup, new StringDeserializer(),
            new StringDeserializer())) {
            InvalidGroupIdException e = assertThrows(InvalidGroupIdException.class,
                () -> consumer.subscribe(List.of(TOPIC)));
            assertEquals("To use the group management or offset commit APIs, you must provide a valid group.id in "
                + "the consumer configuration.", e.getMessage());
            assertThrows(InvalidGroupIdException.class, consumer::commitSync);
            assertThrows(InvalidGroupIdException.class, consumer::groupMetadata);
        }
        KafkaConsumer<String, String> consumer = consumer();
        consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> consumer.subscribe(List.of(TOPIC)));
        assertEquals("Subscription to topics, partitions and pattern are mutually exclusive", e.getMessage());
        consumer.unsubscribe();
        consumer.subscribe(Pattern.compile("ev.*"));
        assertEquals(Set.of(TOPIC), consumer.subscription());
        assertThrows(IllegalStateException.class, () -> consumer.assign(List.of(new TopicPartition(TOPIC, 0))));
        assertFalse(consumer.subscription().isEmpty());
    }

    @Test
    void shouldSubscribeToAKip848RegularExpressionUnderEitherGroupProtocol() {
        Map<String, Object> config = config(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "CONSUMER");
        // As Kafka's consumer, Runnel's refuses the classic protocol's timing settings under the consumer protocol.
        config.remove(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
        config.remove(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            new StringDeserializer());
        resources.add(consumer::close);
        log.createTopic("logs", 2, Map.of());
        consumer.subscribe(new SubscriptionPattern("ev[a-z]+"));
        Await.until(() -> {
            consumer.poll(Duration.ofMillis(10));
            return consumer.assignment().size() == 6;
        }, 5_000, () -> "assignment " + consumer.assignment());
        assertEquals(Set.of(TOPIC), consumer.subscription(), "whole names only: not logs");

        InvalidRegularExpression invalid = assertThrows(InvalidRegularExpression.class,
            () -> consumer.subscribe(new SubscriptionPattern("ev[")));
        assertTrue(invalid.getMessage().contains("ev["), invalid.getMessage());
        ConfigException protocol = assertThrows(ConfigException.class,
            () -> consumer(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "streams"));
        assertTrue(protocol.getMessage().contains("group.protocol"), protocol.getMessage());
    }

    @Test
    void shouldFollowAPatternToNewTopicsAndRebalanceOnEnforce() {
        KafkaConsumer<String, String> consumer = consumer();
        consumer.subscribe(Pattern.compile("ev.*|logs"));
        Await.until(() -> {
            consumer.poll(Duration.ofMillis(10));
            return consumer.assignment().size() == 6;
        }, 5_000, consumer::toString);
        int generation = consumer.groupMetadata().generationId();
        log.createTopic("logs", 2, Map.of());
        Await.until(() -> {
            consumer.poll(Duration.ofMillis(10));
            return consumer.assignment().size() == 8;
        }, 5_000, () -> "assignment " + consumer.assignment());
        assertEquals(Set.of(TOPIC, "logs"), consumer.subscription());
        int afterTopic = consumer.groupMetadata().generationId();
        assertTrue(afterTopic > generation);
        consumer.enforceRebalance();
        Await.until(() -> {
            consumer.poll(Duration.ofMillis(10));
            return consumer.groupMetadata().generationId() > afterTopic;
        }, 5_000, () -> "no rebalance after enforceRebalance()");
    }
}
