package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.MemberDescription;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.TaskId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static membership ({@code group.instance.id}) of an application's stream threads, on a real log folder. */
class KafkaStreamsStaticMembershipIT {
    /** Longer than any wait below: a task that moves within them moved because its member left the group. */
    private static final int SESSION_TIMEOUT_MS = 120_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<TaskId> ALL_TASKS = Set.of(new TaskId(0, 0), new TaskId(0, 1));

    @TempDir
    Path root;

    @Test
    void eachStreamThreadIsItsOwnStaticMember() throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 2);
        log.createTopic("out", 2);
        Properties props = staticProps(log, "static-threads", "instance-a");
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        try (KafkaStreams streams = new KafkaStreams(copyTopology(), props)) {
            streams.start();
            EmbeddedLogFixture.await(() -> streams.state() == KafkaStreams.State.RUNNING
                && streams.metadataForLocalThreads().stream().allMatch(thread -> thread.activeTasks().size() == 1),
                TIMEOUT, "each of the two threads running one task");
            assertEquals(Set.of("instance-a-1", "instance-a-2"), staticMembers(log, "static-threads"));
        }
    }

    @Test
    void closingWithLeaveGroupHandsTheTasksOverBeforeTheSessionTimesOut() throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 2);
        log.createTopic("out", 2);
        KafkaStreams first = new KafkaStreams(copyTopology(), staticProps(log, "static-leave", "instance-a"));
        KafkaStreams second = new KafkaStreams(copyTopology(), staticProps(log, "static-leave", "instance-b"));
        try {
            first.start();
            second.start();
            EmbeddedLogFixture.await(() -> first.activeTaskIds().size() == 1 && second.activeTaskIds().size() == 1,
                TIMEOUT, "one task on each instance");

            assertTrue(first.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(TIMEOUT)));
            assertEquals(Set.of("instance-b-1"), staticMembers(log, "static-leave"), "instance-a left the group");
            EmbeddedLogFixture.await(() -> second.activeTaskIds().equals(ALL_TASKS), TIMEOUT,
                "the second instance takes over both tasks");
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void closingWithoutLeaveGroupKeepsAStaticMemberUntilItsSessionTimesOut() throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 2);
        log.createTopic("out", 2);
        KafkaStreams first = new KafkaStreams(copyTopology(), staticProps(log, "static-stay", "instance-a"));
        KafkaStreams second = new KafkaStreams(copyTopology(), staticProps(log, "static-stay", "instance-b"));
        try {
            first.start();
            second.start();
            EmbeddedLogFixture.await(() -> first.activeTaskIds().size() == 1 && second.activeTaskIds().size() == 1,
                TIMEOUT, "one task on each instance");
            Set<TaskId> secondTasks = new HashSet<>(second.activeTaskIds());

            assertTrue(first.close(TIMEOUT));
            assertEquals(Set.of("instance-a-1", "instance-b-1"), staticMembers(log, "static-stay"),
                "a static member that closes stays, so that it gets its task back if it returns in time");
            assertEquals(secondTasks, second.activeTaskIds());
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void closingWithKip1153CloseOptionsLeavesOrRemainsAsTheySay() throws Exception {
        assertEquals(Set.of("instance-b-1"), membersAfterClosingTheFirstInstance("kip-1153-leave",
            CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(TIMEOUT)), "LEAVE_GROUP: instance-a left the group");
        assertEquals(Set.of("instance-a-1", "instance-b-1"), membersAfterClosingTheFirstInstance("kip-1153-remain",
            CloseOptions.timeout(TIMEOUT)), "REMAIN_IN_GROUP, the default: the static member stays");
    }

    /** Runs two static instances of one application, closes the first with {@code options}, returns the members. */
    private Set<String> membersAfterClosingTheFirstInstance(String applicationId, CloseOptions options)
        throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root.resolve(applicationId));
        log.createTopic("in", 2);
        log.createTopic("out", 2);
        KafkaStreams first = new KafkaStreams(copyTopology(), staticProps(log, applicationId, "instance-a"));
        KafkaStreams second = new KafkaStreams(copyTopology(), staticProps(log, applicationId, "instance-b"));
        try {
            first.start();
            second.start();
            EmbeddedLogFixture.await(() -> first.activeTaskIds().size() == 1 && second.activeTaskIds().size() == 1,
                TIMEOUT, "one task on each instance");
            assertTrue(first.close(options));
            return staticMembers(log, applicationId);
        } finally {
            first.close();
            second.close();
        }
    }

    private static Topology copyTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static Properties staticProps(EmbeddedLogFixture log, String applicationId, String instanceId) {
        Properties props = log.streamsProps(applicationId);
        props.put("group.instance.id", instanceId);
        props.put("session.timeout.ms", SESSION_TIMEOUT_MS);
        return props;
    }

    private static Set<String> staticMembers(EmbeddedLogFixture log, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("log.dir", log.logDir().toString()))) {
            Set<String> ids = new TreeSet<>();
            for (MemberDescription member : admin.describeConsumerGroups(List.of(group)).all().get().get(group)
                .members()) {
                member.groupInstanceId().ifPresent(ids::add);
            }
            return ids;
        }
    }
}
