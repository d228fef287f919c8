package dev.runnel.streams.processor.assignment.assignors;

import static dev.runnel.streams.internal.assignment.AssignmentFixture.COUNTED;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.READ;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.member;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor.Subscription;
import dev.runnel.streams.internal.assignment.AssignmentFixture;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.ApplicationState;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import dev.runnel.streams.processor.assignment.ProcessId;
import dev.runnel.streams.processor.assignment.TaskAssignmentUtils;
import dev.runnel.streams.processor.assignment.TaskAssignor.AssignmentError;
import dev.runnel.streams.processor.assignment.TaskAssignor.TaskAssignment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The default assignor: balanced by threads, sticky, preferring standby holders, with standbys on other clients. */
class StickyTaskAssignorTest {
    private static final ProcessId ALPHA = new ProcessId(new UUID(0, 1));
    private static final ProcessId BETA = new ProcessId(new UUID(0, 2));
    private static final ProcessId GAMMA = new ProcessId(new UUID(0, 3));

    private final AssignmentFixture app = new AssignmentFixture(1);

    @Test
    void shouldSpreadNewTasksEvenlyAndEachPartitionsTasksOverTheClients() {
        Map<ProcessId, Set<TaskId>> active = assign(Map.of(
            "alpha-1", member(ALPHA, List.of(), Set.of(), Map.of()),
            "beta-1", member(BETA, List.of(), Set.of(), Map.of())));

        assertEquals(2, active.get(ALPHA).size(), active.toString());
        assertEquals(2, active.get(BETA).size(), active.toString());
        for (int partition = 0; partition < AssignmentFixture.PARTITIONS; partition++) {
            Set<TaskId> sameClient = Set.of(app.counting(partition), app.reading(partition));
            assertTrue(!active.get(ALPHA).containsAll(sameClient) && !active.get(BETA).containsAll(sameClient),
                "partition " + partition + "'s tasks on different clients: " + active);
        }
    }

    @Test
    void shouldKeepTasksWhereTheyRanWhileTheClientHasRoom() {
        Map<ProcessId, Set<TaskId>> active = assign(Map.of(
            "alpha-1", member(ALPHA, List.of(tp(COUNTED, 1), tp(READ, 1)), Set.of(), Map.of()),
            "beta-1", member(BETA, List.of(tp(COUNTED, 0), tp(READ, 0)), Set.of(), Map.of())));

        assertEquals(Set.of(app.counting(1), app.reading(1)), active.get(ALPHA));
        assertEquals(Set.of(app.counting(0), app.reading(0)), active.get(BETA));
    }

    @Test
    void shouldMoveATaskOfAFullClientToTheClientWithItsStandby() {
        // alpha ran everything; beta and gamma join, gamma holding a standby of counting-1.
        Map<ProcessId, Set<TaskId>> active = assign(Map.of(
            "alpha-1", member(ALPHA, List.of(tp(COUNTED, 0), tp(COUNTED, 1), tp(READ, 0), tp(READ, 1)), Set.of(),
                Map.of()),
            "beta-1", member(BETA, List.of(), Set.of(), Map.of()),
            "gamma-1", member(GAMMA, List.of(), Set.of(app.counting(1)), Map.of())));

        assertEquals(2, active.get(ALPHA).size(), active.toString());
        assertTrue(active.get(GAMMA).contains(app.counting(1)), "the caught-up standby takes over: " + active);
    }

    /** Told to preserve the active assignment, as Kafka's StickyTaskAssignor(true) is, it moves no active task. */
    @Test
    void shouldKeepEveryActiveTaskWhereItRanWhenToldToPreserveThem() {
        Map<String, Subscription> members = Map.of(
            "alpha-1", member(ALPHA, List.of(tp(COUNTED, 0), tp(COUNTED, 1), tp(READ, 0), tp(READ, 1)), Set.of(),
                Map.of()),
            "beta-1", member(BETA, List.of(), Set.of(), Map.of()));
        // By default alpha keeps its share, two of its four tasks, and beta takes the others.
        assertEquals(2, assign(members, new StickyTaskAssignor(false)).get(ALPHA).size());
        Map<ProcessId, Set<TaskId>> preserved = assign(members, new StickyTaskAssignor(true));
        assertEquals(4, preserved.get(ALPHA).size(), preserved.toString());
        assertEquals(Set.of(), preserved.get(BETA));
        assertEquals(List.of(1, 10), List.of(StickyTaskAssignor.DEFAULT_STICKY_TRAFFIC_COST,
            StickyTaskAssignor.DEFAULT_STICKY_NON_OVERLAP_COST));
    }

    @Test
    void shouldGiveAClientWithMoreThreadsMoreTasks() {
        Map<ProcessId, Set<TaskId>> active = assign(Map.of(
            "alpha-1", member(ALPHA, List.of(), Set.of(), Map.of()),
            "alpha-2", member(ALPHA, List.of(), Set.of(), Map.of()),
            "alpha-3", member(ALPHA, List.of(), Set.of(), Map.of()),
            "beta-1", member(BETA, List.of(tp(COUNTED, 0), tp(COUNTED, 1), tp(READ, 0), tp(READ, 1)), Set.of(),
                Map.of())));

        assertEquals(3, active.get(ALPHA).size(), "a share of one task per thread: " + active);
        assertEquals(1, active.get(BETA).size(), active.toString());
    }

    @Test
    void shouldPlaceEachStatefulTasksStandbyOnTheOtherClient() {
        Map<String, Subscription> members = Map.of(
            "alpha-1", member(ALPHA, List.of(tp(COUNTED, 0), tp(READ, 0)), Set.of(), Map.of()),
            "beta-1", member(BETA, List.of(tp(COUNTED, 1), tp(READ, 1)), Set.of(), Map.of()));
        ApplicationState state = app.state(members);

        TaskAssignment assignment = new StickyTaskAssignor().assign(state);

        assertEquals(AssignmentError.NONE, TaskAssignmentUtils.validateTaskAssignment(state, assignment));
        Map<ProcessId, Set<TaskId>> standbys = tasksOfType(assignment, AssignedTask.Type.STANDBY);
        assertEquals(Set.of(app.counting(1)), standbys.get(ALPHA));
        assertEquals(Set.of(app.counting(0)), standbys.get(BETA));
    }

    private Map<ProcessId, Set<TaskId>> assign(Map<String, Subscription> members) {
        return assign(members, new StickyTaskAssignor());
    }

    private Map<ProcessId, Set<TaskId>> assign(Map<String, Subscription> members, StickyTaskAssignor assignor) {
        ApplicationState state = app.state(members);
        TaskAssignment assignment = assignor.assign(state);
        assertEquals(AssignmentError.NONE, TaskAssignmentUtils.validateTaskAssignment(state, assignment));
        Map<ProcessId, Set<TaskId>> active = tasksOfType(assignment, AssignedTask.Type.ACTIVE);
        assertEquals(4, active.values().stream().mapToInt(Set::size).sum(), "every task active once: " + active);
        return active;
    }

    private static Map<ProcessId, Set<TaskId>> tasksOfType(TaskAssignment assignment, AssignedTask.Type type) {
        Map<ProcessId, Set<TaskId>> tasks = new HashMap<>();
        for (KafkaStreamsAssignment client : assignment.assignment()) {
            Set<TaskId> ofType = new TreeSet<>();
            client.tasks().values().stream().filter(task -> task.type() == type).forEach(task -> ofType.add(task.id()));
            tasks.put(client.processId(), ofType);
        }
        return tasks;
    }
}
