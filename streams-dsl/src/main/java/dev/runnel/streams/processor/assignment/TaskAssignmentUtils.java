package dev.runnel.streams.processor.assignment;

import dev.runnel.streams.StreamsConfig;
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
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Building blocks for {@link TaskAssignor}s: the previous assignment, standby placement, the validity check, and the
 * rack-aware optimization (which Runnel, without racks, never applies).
 */
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

    /**
     * Would move active tasks among clients to cut cross-rack traffic, as Kafka Streams' does (KIP-925). Runnel's
     * clients and partitions have no racks, so, as Kafka's does when rack ids are missing, it logs why it cannot
     * optimize (when there are tasks to optimize) and leaves {@code kafkaStreamsAssignments} as they are.
     */
    public static void optimizeRackAwareActiveTasks(RackAwareOptimizationParams optimizationParams,
        Map<ProcessId, KafkaStreamsAssignment> kafkaStreamsAssignments) {
        explainNoRackAwareOptimization(optimizationParams, kafkaStreamsAssignments, AssignedTask.Type.ACTIVE);
    }

    /** As {@link #optimizeRackAwareActiveTasks}, for the standby tasks: the assignments stay as they are. */
    public static void optimizeRackAwareStandbyTasks(RackAwareOptimizationParams optimizationParams,
        Map<ProcessId, KafkaStreamsAssignment> kafkaStreamsAssignments) {
        explainNoRackAwareOptimization(optimizationParams, kafkaStreamsAssignments, AssignedTask.Type.STANDBY);
    }

    private static void explainNoRackAwareOptimization(RackAwareOptimizationParams params,
        Map<ProcessId, KafkaStreamsAssignment> assignments, AssignedTask.Type type) {
        boolean anyTask = params.tasksToOptimize != null ? !params.tasksToOptimize.isEmpty()
            : assignments.values().stream().anyMatch(assignment -> assignment.tasks().values().stream()
                .anyMatch(task -> task.type() == type));
        if (!anyTask) {
            return;
        }
        AssignmentConfigs configs = params.applicationState.assignmentConfigs();
        if (StreamsConfig.RACK_AWARE_ASSIGNMENT_STRATEGY_NONE.equals(configs.rackAwareAssignmentStrategy())) {
            LOG.warn("No rack-aware optimization of {} tasks: {} is none", type,
                StreamsConfig.RACK_AWARE_ASSIGNMENT_STRATEGY_CONFIG);
        } else if (configs.rackAwareTrafficCost().isEmpty() || configs.rackAwareNonOverlapCost().isEmpty()) {
            LOG.warn("No rack-aware optimization of {} tasks: it needs {} and {}", type,
                StreamsConfig.RACK_AWARE_ASSIGNMENT_TRAFFIC_COST_CONFIG,
                StreamsConfig.RACK_AWARE_ASSIGNMENT_NON_OVERLAP_COST_CONFIG);
        } else {
            LOG.error("No rack-aware optimization of {} tasks: Runnel's clients and partitions have no racks", type);
        }
    }

    /**
     * Which tasks {@link #optimizeRackAwareActiveTasks} and {@link #optimizeRackAwareStandbyTasks} may move, and the
     * costs they would weigh. The costs count only between racks, which Runnel has not, so the overrides are taken
     * and change nothing. Immutable.
     */
    public static final class RackAwareOptimizationParams {
        private final ApplicationState applicationState;
        /** The tasks to optimize; {@code null} for every task of the kind optimized. */
        private final SortedSet<TaskId> tasksToOptimize;

        private RackAwareOptimizationParams(ApplicationState applicationState, SortedSet<TaskId> tasksToOptimize) {
            this.applicationState = applicationState;
            this.tasksToOptimize = tasksToOptimize;
        }

        /** Returns the parameters that optimize every task with the assignment configs' costs. */
        public static RackAwareOptimizationParams of(ApplicationState applicationState) {
            return new RackAwareOptimizationParams(applicationState, null);
        }

        /** Returns these parameters restricted to the stateful tasks of the application. */
        public RackAwareOptimizationParams forStatefulTasks() {
            return forTasks(tasksWhere(true));
        }

        /** Returns these parameters restricted to the stateless tasks of the application. */
        public RackAwareOptimizationParams forStatelessTasks() {
            return forTasks(tasksWhere(false));
        }

        /** Returns these parameters restricted to {@code tasksToOptimize}. */
        public RackAwareOptimizationParams forTasks(SortedSet<TaskId> tasksToOptimize) {
            return new RackAwareOptimizationParams(applicationState, tasksToOptimize);
        }

        /** Returns these parameters, the traffic cost overridden (no effect without racks). */
        public RackAwareOptimizationParams withTrafficCostOverride(int trafficCostOverride) {
            return this;
        }

        /** Returns these parameters, the non-overlap cost overridden (no effect without racks). */
        public RackAwareOptimizationParams withNonOverlapCostOverride(int nonOverlapCostOverride) {
            return this;
        }

        private SortedSet<TaskId> tasksWhere(boolean stateful) {
            SortedSet<TaskId> tasks = new TreeSet<>();
            for (TaskInfo task : applicationState.allTasks().values()) {
                if (task.isStateful() == stateful) {
                    tasks.add(task.id());
                }
            }
            return tasks;
        }
    }
}
