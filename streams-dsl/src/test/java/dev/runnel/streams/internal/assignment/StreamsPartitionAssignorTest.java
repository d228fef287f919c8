package dev.runnel.streams.internal.assignment;

import static dev.runnel.streams.internal.assignment.AssignmentFixture.COUNTED;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.READ;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.active;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.changelog;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.member;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.standby;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor.Assignment;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor.Subscription;
import dev.runnel.common.TopicPartition;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.errors.TaskAssignmentException;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.ApplicationState;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import dev.runnel.streams.processor.assignment.KafkaStreamsState;
import dev.runnel.streams.processor.assignment.ProcessId;
import dev.runnel.streams.processor.assignment.TaskAssignor;
import dev.runnel.streams.processor.assignment.TaskAssignor.AssignmentError;
import dev.runnel.streams.processor.assignment.TaskInfo;
import dev.runnel.streams.processor.assignment.TaskTopicPartition;
import dev.runnel.streams.state.HostInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The group's subscriptions as an ApplicationState, and what the assignor makes of a task assignor's answer. */
class StreamsPartitionAssignorTest {
    private static final ProcessId ALPHA = new ProcessId(new UUID(0, 1));
    private static final ProcessId BETA = new ProcessId(new UUID(0, 2));
    private static final ConsumerGroupMetadata GROUP = new ConsumerGroupMetadata(AssignmentFixture.APPLICATION_ID);

    private final AssignmentFixture app = new AssignmentFixture(1);

    @Test
    void shouldGroupTheThreadsIntoClientsWithTheTasksTheyHad() {
        Map<String, Subscription> members = Map.of(
            "alpha-1", member(ALPHA, List.of(tp(COUNTED, 0), tp(READ, 0)), Set.of(), Map.of()),
            "alpha-2", member(ALPHA, List.of(tp(READ, 1)), Set.of(), Map.of()),
            "beta-1", AssignmentFixture.memberWithTags(BETA, List.of(tp(COUNTED, 1)), Set.of(app.counting(0)),
                Map.of(), Map.of("zone", "eu")));
        Map<ProcessId, KafkaStreamsState> clients = app.state(members).kafkaStreamsStates(false);

        assertEquals(List.of(ALPHA, BETA), List.copyOf(clients.keySet()), "in member order");
        KafkaStreamsState alpha = clients.get(ALPHA);
        assertEquals(2, alpha.numProcessingThreads());
        assertEquals(Set.of("alpha-1", "alpha-2"), alpha.consumerClientIds());
        assertEquals(Set.of(app.counting(0), app.reading(0), app.reading(1)), alpha.previousActiveTasks());
        assertEquals(Set.of(), alpha.previousStandbyTasks());
        assertEquals(Set.of(app.reading(1)), alpha.previousTasksForConsumer("alpha-2"));
        assertEquals(Map.of(), alpha.clientTags());
        assertEquals(Optional.empty(), alpha.hostInfo());
        KafkaStreamsState beta = clients.get(BETA);
        assertEquals(Set.of(app.counting(1)), beta.previousActiveTasks());
        assertEquals(Set.of(app.counting(0)), beta.previousStandbyTasks());
        assertEquals(Set.of(app.counting(0), app.counting(1)), beta.previousTasksForConsumer("beta-1"));
        assertEquals(Map.of("zone", "eu"), beta.clientTags());
        assertEquals(Optional.of(new HostInfo("localhost", 7070)), beta.hostInfo());
        assertEquals(Optional.empty(), beta.rackId());
        assertThrows(IllegalArgumentException.class, () -> beta.previousTasksForConsumer("alpha-1"));
        assertThrows(UnsupportedOperationException.class, () -> beta.lagFor(app.counting(0)));
        assertEquals(0, app.endOffsetReads.get(), "no end offsets read without lags");
    }

    @Test
    void shouldDescribeEachTaskWithItsInputAndChangelogPartitions() {
        Map<TaskId, TaskInfo> tasks = app.state(Map.of("alpha-1", member(ALPHA, List.of(), Set.of(), Map.of())))
            .allTasks();

        assertEquals(Set.of(app.counting(0), app.counting(1), app.reading(0), app.reading(1)), tasks.keySet());
        TaskInfo counting = tasks.get(app.counting(1));
        assertTrue(counting.isStateful());
        assertEquals(Set.of("counts"), counting.stateStoreNames());
        assertEquals(Set.of("counted-1 source", changelog(1) + " changelog"), describe(counting));
        TaskInfo reading = tasks.get(app.reading(0));
        assertFalse(reading.isStateful());
        assertEquals(Set.of(), reading.stateStoreNames());
        assertEquals(Set.of("read-0 source"), describe(reading));
        assertTrue(counting.topicPartitions().stream().allMatch(partition -> partition.rackIds().isEmpty()));
    }

    @Test
    void shouldComputeLagsFromTheReportedOffsetSumsAndTheChangelogsEnds() {
        app.endOffsets.put(changelog(0), 100L);
        app.endOffsets.put(changelog(1), 50L);
        // alpha runs counting-1 and keeps a standby of counting-0 at offset 10; beta has no state.
        ApplicationState state = app.state(Map.of(
            "alpha-1", member(ALPHA, List.of(tp(COUNTED, 1)), Set.of(app.counting(0)),
                Map.of(app.counting(1), AssignmentFixture.caughtUp(), app.counting(0), 10L)),
            "beta-1", member(BETA, List.of(tp(COUNTED, 0)), Set.of(), Map.of())));

        KafkaStreamsState alpha = state.kafkaStreamsStates(true).get(ALPHA);
        KafkaStreamsState beta = state.kafkaStreamsStates(true).get(BETA);

        assertEquals(Map.of(app.counting(0), 90L, app.counting(1), 0L), alpha.statefulTasksToLagSums());
        assertEquals(List.of(app.counting(1), app.counting(0)), List.copyOf(alpha.prevTasksByLag("alpha-1")),
            "least lagging first");
        assertEquals(100L, beta.lagFor(app.counting(0)), "no state: the whole changelog");
        assertEquals(50L, beta.lagFor(app.counting(1)));
        assertThrows(IllegalArgumentException.class, () -> beta.lagFor(app.reading(0)));
        assertEquals(1, app.endOffsetReads.get(), "end offsets read once per rebalance");
    }

    @Test
    void shouldReportEndOffsetsThatCannotBeReadAsATaskAssignmentException() {
        app.endOffsetsFailure = new StreamsException("log closed");
        ApplicationState state = app.state(Map.of("alpha-1", member(ALPHA, List.of(), Set.of(), Map.of())));

        TaskAssignmentException e = assertThrows(TaskAssignmentException.class, () -> state.kafkaStreamsStates(true));
        assertTrue(e.getMessage().contains("log closed"), e.getMessage());
    }

    @Test
    void shouldSpreadEachClientsTasksOverItsThreadsAndReportTheOutcome() {
        // Everything active on alpha, standbys on beta; alpha's first thread asks for a rebalance later.
        Recording recording = new Recording(state -> new TaskAssignor.TaskAssignment(List.of(
            client(ALPHA, Set.of(active(app.counting(0)), active(app.counting(1)), active(app.reading(0)),
                active(app.reading(1)))).withFollowupRebalance(Instant.ofEpochMilli(5_000)),
            client(BETA, Set.of(standby(app.counting(0)), standby(app.counting(1)))))));
        Map<String, Subscription> members = Map.of(
            "alpha-1", member(ALPHA, List.of(tp(COUNTED, 0)), Set.of(), Map.of()),
            "alpha-2", member(ALPHA, List.of(), Set.of(), Map.of()),
            "beta-1", member(BETA, List.of(tp(COUNTED, 1), tp(READ, 0), tp(READ, 1)), Set.of(), Map.of()));
        StreamsPartitionAssignor assignor = app.assignor(ALPHA, recording);

        Map<String, Assignment> result = assignor.assignWithUserData(AssignmentFixture.partitions(), members);

        List<TopicPartition> first = result.get("alpha-1").partitions();
        List<TopicPartition> second = result.get("alpha-2").partitions();
        assertEquals(2, first.size(), "an even share: " + first);
        assertTrue(first.contains(tp(COUNTED, 0)), "the thread keeps the task it had: " + first);
        assertEquals(2, second.size(), "an even share: " + second);
        Set<TopicPartition> all = new HashSet<>(first);
        all.addAll(second);
        assertEquals(Set.of(tp(COUNTED, 0), tp(COUNTED, 1), tp(READ, 0), tp(READ, 1)), all);
        assertEquals(List.of(), result.get("beta-1").partitions());
        assertEquals(Set.of(app.counting(0), app.counting(1)), AssignmentFixture.info(result.get("beta-1"))
            .standbyTasks());
        assertEquals(5_000L, AssignmentFixture.info(result.get("alpha-1")).followupRebalanceMs());
        assertEquals(AssignmentInfo.NO_FOLLOWUP, AssignmentFixture.info(result.get("alpha-2")).followupRebalanceMs());
        assertEquals(AssignmentInfo.NO_FOLLOWUP, AssignmentFixture.info(result.get("beta-1")).followupRebalanceMs());
        assertEquals(AssignmentError.NONE, recording.error);
        assertEquals(result, recording.assignment.groupAssignment());
        assertEquals(members, recording.subscription.groupSubscription());
        assignor.onAssignment(result.get("alpha-1"), GROUP);
        assertEquals(5_000L, assignor.assignment().followupRebalanceMs());
    }

    @Test
    void shouldKeepThePreviousTasksAndFailTheThreadWhenTheAssignmentIsInvalid() {
        Recording recording = new Recording(state -> new TaskAssignor.TaskAssignment(List.of(
            client(ALPHA, Set.of(active(app.counting(0)), active(app.reading(0)))),
            client(BETA, Set.of(active(app.counting(0)), active(app.counting(1)), active(app.reading(1)))))));
        Map<String, Subscription> members = Map.of(
            "alpha-1", member(ALPHA, List.of(tp(COUNTED, 1), tp(READ, 0)), Set.of(), Map.of()),
            "beta-1", member(BETA, List.of(tp(COUNTED, 0), tp(READ, 1)), Set.of(app.counting(1)), Map.of()));
        StreamsPartitionAssignor assignor = app.assignor(ALPHA, recording);

        Map<String, Assignment> result = assignor.assignWithUserData(AssignmentFixture.partitions(), members);

        assertEquals(Set.of(tp(COUNTED, 1), tp(READ, 0)), Set.copyOf(result.get("alpha-1").partitions()));
        assertEquals(Set.of(tp(COUNTED, 0), tp(READ, 1)), Set.copyOf(result.get("beta-1").partitions()));
        assertEquals(Set.of(app.counting(1)), AssignmentFixture.info(result.get("beta-1")).standbyTasks());
        assertEquals(AssignmentError.ACTIVE_TASK_ASSIGNED_MULTIPLE_TIMES, recording.error);
        assertEquals(result, recording.assignment.groupAssignment());
        StreamsException failure = assertThrows(StreamsException.class,
            () -> assignor.onAssignment(result.get("alpha-1"), GROUP));
        assertTrue(failure.getMessage().contains(Recording.class.getName()), failure.getMessage());
        assertTrue(failure.getMessage().contains("ACTIVE_TASK_ASSIGNED_MULTIPLE_TIMES"), failure.getMessage());
        assignor.onAssignment(result.get("alpha-1"), GROUP);
    }

    @Test
    void shouldKeepThePreviousTasksAndRebalanceAgainWhenTheAssignorThrowsTaskAssignmentException() {
        Recording recording = new Recording(state -> {
            throw new TaskAssignmentException("lags unavailable");
        });
        Map<String, Subscription> members = Map.of(
            "alpha-1", member(ALPHA, List.of(tp(COUNTED, 0), tp(READ, 0)), Set.of(), Map.of()),
            "alpha-2", member(ALPHA, List.of(tp(READ, 1)), Set.of(), Map.of()),
            "beta-1", member(BETA, List.of(tp(COUNTED, 1)), Set.of(app.counting(0)), Map.of()));
        StreamsPartitionAssignor assignor = app.assignor(ALPHA, recording);

        Map<String, Assignment> result = assignor.assignWithUserData(AssignmentFixture.partitions(), members);

        assertEquals(Set.of(tp(COUNTED, 0), tp(READ, 0)), Set.copyOf(result.get("alpha-1").partitions()));
        assertEquals(List.of(tp(READ, 1)), result.get("alpha-2").partitions());
        assertEquals(List.of(tp(COUNTED, 1)), result.get("beta-1").partitions());
        assertEquals(Set.of(app.counting(0)), AssignmentFixture.info(result.get("beta-1")).standbyTasks());
        assertEquals(0L, AssignmentFixture.info(result.get("alpha-1")).followupRebalanceMs(), "at once");
        assertEquals(0L, AssignmentFixture.info(result.get("beta-1")).followupRebalanceMs(), "at once");
        assertEquals(AssignmentInfo.NO_FOLLOWUP, AssignmentFixture.info(result.get("alpha-2")).followupRebalanceMs(),
            "one thread per client asks");
        assertNull(recording.error, "onAssignmentComputed follows only an assignment that was returned");
        assignor.onAssignment(result.get("alpha-1"), GROUP);
    }

    @Test
    void shouldFailTheThreadWhenTheAssignorThrows() {
        IllegalStateException bug = new IllegalStateException("bug in the assignor");
        Recording recording = new Recording(state -> {
            throw bug;
        });
        Map<String, Subscription> members = Map.of(
            "alpha-1", member(ALPHA, List.of(tp(COUNTED, 0), tp(COUNTED, 1), tp(READ, 0), tp(READ, 1)), Set.of(),
                Map.of()),
            "beta-1", member(BETA, List.of(), Set.of(), Map.of()));
        StreamsPartitionAssignor assignor = app.assignor(ALPHA, recording);

        Map<String, Assignment> result = assignor.assignWithUserData(AssignmentFixture.partitions(), members);

        assertEquals(4, result.get("alpha-1").partitions().size(), "the previous tasks");
        assertEquals(List.of(), result.get("beta-1").partitions());
        StreamsException failure = assertThrows(StreamsException.class,
            () -> assignor.onAssignment(result.get("alpha-1"), GROUP));
        assertSame(bug, failure.getCause());
        assertNull(recording.error);
    }

    @Test
    void shouldTellTheGroupTheThreadsClientStandbyTasksAndState() {
        StreamsPartitionAssignor assignor = app.assignor(ALPHA, recordingNothing());
        assignor.onAssignment(new Assignment(List.of(), new AssignmentInfo(Set.of(app.counting(1)),
            AssignmentInfo.NO_FOLLOWUP).encode()), GROUP);

        SubscriptionInfo info = SubscriptionInfo.decode("alpha-1", assignor.subscriptionUserData(Set.of(COUNTED)));

        assertEquals(ALPHA, info.processId());
        assertEquals(Set.of(app.counting(1)), info.standbyTasks());
    }

    private Recording recordingNothing() {
        return new Recording(state -> new TaskAssignor.TaskAssignment(List.of()));
    }

    private static Set<String> describe(TaskInfo task) {
        Set<String> partitions = new HashSet<>();
        for (TaskTopicPartition partition : task.topicPartitions()) {
            List<String> kinds = new ArrayList<>();
            if (partition.isSource()) {
                kinds.add("source");
            }
            if (partition.isChangelog()) {
                kinds.add("changelog");
            }
            partitions.add(partition.topicPartition() + " " + String.join("+", kinds));
        }
        return partitions;
    }

    private static KafkaStreamsAssignment client(ProcessId client, Set<AssignedTask> tasks) {
        return KafkaStreamsAssignment.of(client, tasks);
    }

    /** A task assignor answering with {@code assign}, which records what onAssignmentComputed heard. */
    private static final class Recording implements TaskAssignor {
        private final Function<ApplicationState, TaskAssignment> assign;
        GroupAssignment assignment;
        GroupSubscription subscription;
        AssignmentError error;

        Recording(Function<ApplicationState, TaskAssignment> assign) {
            this.assign = assign;
        }

        @Override
        public TaskAssignment assign(ApplicationState applicationState) {
            return assign.apply(applicationState);
        }

        @Override
        public void onAssignmentComputed(GroupAssignment assignment, GroupSubscription subscription,
            AssignmentError error) {
            this.assignment = assignment;
            this.subscription = subscription;
            this.error = error;
        }
    }

    /** A task assignor that counts how often it is configured. */
    public static final class ConfigureCountingAssignor implements TaskAssignor {
        int configured;

        @Override
        public void configure(Map<String, ?> configs) {
            configured++;
        }

        @Override
        public TaskAssignment assign(ApplicationState applicationState) {
            return new TaskAssignment(List.of());
        }
    }

    @Test
    void aCustomTaskAssignorIsConfiguredOnceAsInKafkaStreams() {
        StreamsConfig config = new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
            StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, ConfigureCountingAssignor.class.getName()));
        assertEquals(1, ((ConfigureCountingAssignor) StreamsPartitionAssignor.taskAssignor(config)).configured);
    }
}
