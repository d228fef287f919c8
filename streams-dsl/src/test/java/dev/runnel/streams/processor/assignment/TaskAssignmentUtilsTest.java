package dev.runnel.streams.processor.assignment;

import static dev.runnel.streams.internal.assignment.AssignmentFixture.COUNTED;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.READ;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.active;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.member;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.standby;
import static dev.runnel.streams.internal.assignment.AssignmentFixture.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.streams.internal.assignment.AssignmentFixture;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import dev.runnel.streams.processor.assignment.TaskAssignor.AssignmentError;
import dev.runnel.streams.processor.assignment.TaskAssignor.TaskAssignment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The previous assignment, the default standby placement and the validity check, on a real rebalance's state. */
class TaskAssignmentUtilsTest {
    private static final ProcessId ALPHA = new ProcessId(new UUID(0, 1));
    private static final ProcessId BETA = new ProcessId(new UUID(0, 2));
    private static final ProcessId GAMMA = new ProcessId(new UUID(0, 3));

    private final AssignmentFixture app = new AssignmentFixture(1);
    /** alpha runs counting-0 and reading-0, beta the rest and a standby of counting-0; gamma has nothing. */
    private final ApplicationState state = app.state(Map.of(
        "alpha-1", member(ALPHA, List.of(tp(COUNTED, 0), tp(READ, 0)), Set.of(), Map.of()),
        "beta-1", member(BETA, List.of(tp(COUNTED, 1), tp(READ, 1)), Set.of(app.counting(0), app.reading(0)),
            Map.of()),
        "gamma-1", member(GAMMA, List.of(), Set.of(new TaskId(7, 0)), Map.of())));

    @Test
    void shouldAcceptAnAssignmentOfEveryClientAndTask() {
        assertEquals(AssignmentError.NONE, validate(
            client(ALPHA, active(app.counting(0)), active(app.reading(0)), standby(app.counting(1))),
            client(BETA, active(app.counting(1)), active(app.reading(1)), standby(app.counting(0))),
            client(GAMMA)));
    }

    @Test
    void shouldRejectAnActiveTaskOnTwoClients() {
        assertEquals(AssignmentError.ACTIVE_TASK_ASSIGNED_MULTIPLE_TIMES, validate(
            client(ALPHA, active(app.counting(0))), client(BETA, active(app.counting(0))), client(GAMMA)));
    }

    @Test
    void shouldRejectAStandbyOfAStatelessTask() {
        assertEquals(AssignmentError.INVALID_STANDBY_TASK, validate(
            client(ALPHA, active(app.reading(0))), client(BETA, standby(app.reading(0))), client(GAMMA)));
    }

    @Test
    void shouldRejectAnAssignmentWithoutOneOfTheClients() {
        assertEquals(AssignmentError.MISSING_PROCESS_ID, validate(client(ALPHA), client(BETA)));
    }

    @Test
    void shouldRejectAClientNotInTheRebalance() {
        assertEquals(AssignmentError.UNKNOWN_PROCESS_ID, validate(client(ALPHA), client(BETA), client(GAMMA),
            client(new ProcessId(new UUID(0, 9)))));
    }

    @Test
    void shouldRejectATaskNotInTheTopology() {
        assertEquals(AssignmentError.UNKNOWN_TASK_ID, validate(client(ALPHA, active(new TaskId(7, 0))),
            client(BETA), client(GAMMA)));
    }

    @Test
    void shouldKeepThePreviousTasksOfTheTopologyInTheIdentityAssignment() {
        Map<ProcessId, KafkaStreamsAssignment> identity = TaskAssignmentUtils.identityAssignment(state);

        assertEquals(List.of(ALPHA, BETA, GAMMA), List.copyOf(identity.keySet()));
        assertEquals(Set.copyOf(client(ALPHA, active(app.counting(0)), active(app.reading(0))).tasks().values()),
            Set.copyOf(identity.get(ALPHA).tasks().values()));
        assertEquals(Set.copyOf(client(BETA, active(app.counting(1)), active(app.reading(1)),
            standby(app.counting(0))).tasks().values()), Set.copyOf(identity.get(BETA).tasks().values()),
            "no standby of a stateless task");
        assertEquals(Map.of(), identity.get(GAMMA).tasks(), "no task that is not in the topology");
        assertEquals(AssignmentError.NONE, TaskAssignmentUtils.validateTaskAssignment(state,
            new TaskAssignment(identity.values())));
    }

    @Test
    void shouldPlaceStandbysOnPreviousHoldersThenOnTheLeastLoadedOtherClient() {
        Map<ProcessId, KafkaStreamsAssignment> assignments = new LinkedHashMap<>();
        assignments.put(ALPHA, client(ALPHA, active(app.counting(0)), active(app.counting(1))));
        assignments.put(BETA, client(BETA, active(app.reading(0)), active(app.reading(1))));
        assignments.put(GAMMA, client(GAMMA));

        TaskAssignmentUtils.defaultStandbyTaskAssignment(state, assignments);

        assertEquals(Set.of(standby(app.counting(0))), standbys(assignments.get(BETA)),
            "beta kept counting-0's standby, though it is busier than gamma");
        assertEquals(Set.of(standby(app.counting(1))), standbys(assignments.get(GAMMA)), "the least loaded");
        assertEquals(Set.of(), standbys(assignments.get(ALPHA)), "never beside the active task");
    }

    @Test
    void shouldPlaceNoStandbysWithoutStandbyReplicas() {
        AssignmentFixture noStandbys = new AssignmentFixture(0);
        ApplicationState withoutReplicas = noStandbys.state(Map.of(
            "alpha-1", member(ALPHA, List.of(), Set.of(), Map.of()),
            "beta-1", member(BETA, List.of(), Set.of(), Map.of())));
        Map<ProcessId, KafkaStreamsAssignment> assignments = new LinkedHashMap<>();
        assignments.put(ALPHA, client(ALPHA, active(noStandbys.counting(0))));
        assignments.put(BETA, client(BETA));

        TaskAssignmentUtils.defaultStandbyTaskAssignment(withoutReplicas, assignments);

        assertEquals(Map.of(), assignments.get(BETA).tasks());
    }

    @Test
    void shouldLeaveTheAssignmentAsItIsOnARackAwareOptimizationWithoutRacks() {
        // Kafka's optimization moves nothing when clients or partitions lack rack ids; Runnel's never have them.
        Map<ProcessId, KafkaStreamsAssignment> assignments = new LinkedHashMap<>();
        assignments.put(ALPHA, client(ALPHA, active(app.counting(0)), active(app.counting(1)), active(app.reading(0)),
            active(app.reading(1))));
        assignments.put(BETA, client(BETA, standby(app.counting(0))));
        assignments.put(GAMMA, client(GAMMA, standby(app.counting(1))));
        Map<ProcessId, Map<TaskId, AssignedTask>> before = new LinkedHashMap<>();
        assignments.forEach((client, assignment) -> before.put(client, Map.copyOf(assignment.tasks())));

        TaskAssignmentUtils.RackAwareOptimizationParams params = TaskAssignmentUtils.RackAwareOptimizationParams
            .of(state).withTrafficCostOverride(10).withNonOverlapCostOverride(1);
        TaskAssignmentUtils.optimizeRackAwareActiveTasks(params, assignments);
        TaskAssignmentUtils.optimizeRackAwareActiveTasks(params.forStatelessTasks(), assignments);
        TaskAssignmentUtils.optimizeRackAwareStandbyTasks(params.forStatefulTasks(), assignments);

        assertEquals(before, Map.of(ALPHA, assignments.get(ALPHA).tasks(), BETA, assignments.get(BETA).tasks(),
            GAMMA, assignments.get(GAMMA).tasks()));
    }

    private AssignmentError validate(KafkaStreamsAssignment... clients) {
        return TaskAssignmentUtils.validateTaskAssignment(state, new TaskAssignment(List.of(clients)));
    }

    private static Set<AssignedTask> standbys(KafkaStreamsAssignment assignment) {
        List<AssignedTask> standbys = new ArrayList<>(assignment.tasks().values());
        standbys.removeIf(task -> task.type() != AssignedTask.Type.STANDBY);
        return Set.copyOf(standbys);
    }

    private static KafkaStreamsAssignment client(ProcessId client, AssignedTask... tasks) {
        return KafkaStreamsAssignment.of(client, Set.of(tasks));
    }
}
