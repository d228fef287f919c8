package dev.runnel.streams.processor.assignment;

import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import dev.runnel.streams.processor.assignment.TaskAssignor.AssignmentError;
import dev.runnel.streams.processor.assignment.TaskAssignor.TaskAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Building blocks for {@link TaskAssignor}s: the previous assignment, standby placement, and the validity check. */
public final class TaskAssignmentUtils {
    private static final Logger LOG = LoggerFactory.getLogger(TaskAssignmentUtils.class);

    private TaskAssignmentUtils() {
    }

    /**
     * Returns the assignment that changes nothing: each client keeps the active and standby tasks its stream threads
     * had, leaving out tasks no longer in the topology and standby tasks of stateless tasks.
     */
    public static Map<ProcessId, KafkaStreamsAssignment> identityAssignment(ApplicationState applicationState) {
        Map<TaskId, TaskInfo> tasks = applicationState.allTasks();
        Map<ProcessId, KafkaStreamsAssignment> assignments = new LinkedHashMap<>();
        applicationState.kafkaStreamsStates(false).forEach((processId, client) -> {
            KafkaStreamsAssignment assignment = KafkaStreamsAssignment.of(processId, Set.of());
            for (TaskId task : client.previousStandbyTasks()) {
                if (tasks.containsKey(task) && tasks.get(task).isStateful()) {
                    assignment.assignTask(new AssignedTask(task, AssignedTask.Type.STANDBY));
                }
            }
            for (TaskId task : client.previousActiveTasks()) {
                if (tasks.containsKey(task)) {
                    assignment.assignTask(new AssignedTask(task, AssignedTask.Type.ACTIVE));
                }
            }
            assignments.put(processId, assignment);
        });
        return assignments;
    }

    /**
     * Adds to {@code kafkaStreamsAssignments} up to {@code num.standby.replicas} standby tasks of each stateful task
     * that is active on one of them, each on another client: first on the clients that kept a standby of it before
     * (their copy is nearly caught up), then on the least loaded ones (tasks per stream thread), ties going to the
     * earlier client in {@link ApplicationState#kafkaStreamsStates} order. Tasks are placed in task id order.
     */
    public static void defaultStandbyTaskAssignment(ApplicationState applicationState,
        Map<ProcessId, KafkaStreamsAssignment> kafkaStreamsAssignments) {
        int replicas = applicationState.assignmentConfigs().numStandbyReplicas();
        if (replicas <= 0) {
            return;
        }
        Map<ProcessId, KafkaStreamsState> clients = applicationState.kafkaStreamsStates(false);
        Map<TaskId, ProcessId> owners = new HashMap<>();
        Map<ProcessId, Integer> load = new HashMap<>();
        kafkaStreamsAssignments.forEach((processId, assignment) -> {
            load.put(processId, assignment.tasks().size());
            assignment.tasks().values().stream().filter(task -> task.type() == AssignedTask.Type.ACTIVE)
                .forEach(task -> owners.put(task.id(), processId));
        });
        List<TaskId> stateful = applicationState.allTasks().values().stream().filter(TaskInfo::isStateful)
            .map(TaskInfo::id).filter(owners::containsKey).sorted().toList();
        for (TaskId task : stateful) {
            Comparator<ProcessId> byLoad = (a, b) -> Long.compare(
                (long) load.get(a) * clients.get(b).numProcessingThreads(),
                (long) load.get(b) * clients.get(a).numProcessingThreads());
            List<ProcessId> candidates = new ArrayList<>(kafkaStreamsAssignments.keySet());
            candidates.removeIf(client -> !clients.containsKey(client)
                || kafkaStreamsAssignments.get(client).tasks().containsKey(task));
            candidates.sort(Comparator.comparing((ProcessId client) ->
                !clients.get(client).previousStandbyTasks().contains(task)).thenComparing(byLoad));
            for (ProcessId client : candidates.subList(0, Math.min(replicas, candidates.size()))) {
                kafkaStreamsAssignments.get(client).assignTask(new AssignedTask(task, AssignedTask.Type.STANDBY));
                load.merge(client, 1, Integer::sum);
            }
        }
    }

    /**
     * Returns the first problem found in {@code taskAssignment} (and logs it), or {@link AssignmentError#NONE}: every
     * assignment must name a client of {@code applicationState} and tasks of its topology, no active task may be on
     * two clients, only stateful tasks may be standby tasks, and every client needs an assignment.
     */
    public static AssignmentError validateTaskAssignment(ApplicationState applicationState,
        TaskAssignment taskAssignment) {
        Map<ProcessId, KafkaStreamsState> clients = applicationState.kafkaStreamsStates(false);
        Map<TaskId, TaskInfo> tasks = applicationState.allTasks();
        Map<TaskId, ProcessId> activeOwners = new HashMap<>();
        Set<ProcessId> assigned = new HashSet<>();
        for (KafkaStreamsAssignment assignment : taskAssignment.assignment()) {
            ProcessId client = assignment.processId();
            if (!clients.containsKey(client)) {
                return invalid(AssignmentError.UNKNOWN_PROCESS_ID, "client " + client + " is not in the rebalance");
            }
            assigned.add(client);
            for (AssignedTask task : assignment.tasks().values()) {
                TaskInfo info = tasks.get(task.id());
                if (info == null) {
                    return invalid(AssignmentError.UNKNOWN_TASK_ID,
                        "task " + task.id() + " of client " + client + " is not in the topology");
                }
                if (task.type() == AssignedTask.Type.ACTIVE) {
                    ProcessId other = activeOwners.putIfAbsent(task.id(), client);
                    if (other != null) {
                        return invalid(AssignmentError.ACTIVE_TASK_ASSIGNED_MULTIPLE_TIMES,
                            "active task " + task.id() + " is assigned to clients " + other + " and " + client);
                    }
                } else if (!info.isStateful()) {
                    return invalid(AssignmentError.INVALID_STANDBY_TASK,
                        "task " + task.id() + " is stateless, but assigned as a standby task to client " + client);
                }
            }
        }
        for (ProcessId client : clients.keySet()) {
            if (!assigned.contains(client)) {
                return invalid(AssignmentError.MISSING_PROCESS_ID, "client " + client + " has no assignment");
            }
        }
        return AssignmentError.NONE;
    }

    private static AssignmentError invalid(AssignmentError error, String problem) {
        LOG.error("Invalid task assignment ({}): {}", error, problem);
        return error;
    }
}
