package dev.runnel.streams.processor.assignment.assignors;

import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.ApplicationState;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import dev.runnel.streams.processor.assignment.KafkaStreamsState;
import dev.runnel.streams.processor.assignment.ProcessId;
import dev.runnel.streams.processor.assignment.TaskAssignmentUtils;
import dev.runnel.streams.processor.assignment.TaskAssignor;
import dev.runnel.streams.processor.assignment.TaskInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Runnel's default assignor, also what runs when {@code task.assignor.class} is unset: it balances the active tasks
 * over the stream threads and moves as few as it can. Each client may take up to its share of the tasks, the same
 * number per stream thread; a task stays on the client that ran it while that client has room, else goes preferably
 * to a client that kept a standby of it (its state is nearly caught up), else round-robin over the stream threads,
 * so that one input partition's tasks spread out. Standby tasks are then placed by
 * {@link TaskAssignmentUtils#defaultStandbyTaskAssignment}. It reads no lags. Stateless; thread-safe.
 */
public class StickyTaskAssignor implements TaskAssignor {
    /** Kafka's rack-aware traffic cost for this assignor; Runnel's does no rack-aware optimization. */
    public static final int DEFAULT_STICKY_TRAFFIC_COST = 1;
    /** Kafka's rack-aware non-overlap cost for this assignor; Runnel's does no rack-aware optimization. */
    public static final int DEFAULT_STICKY_NON_OVERLAP_COST = 10;
    /** Orders tasks by partition, then sub-topology: round-robin then spreads one partition's tasks over threads. */
    private static final Comparator<TaskId> PARTITION_FIRST =
        Comparator.comparingInt(TaskId::partition).thenComparingInt(TaskId::subtopology);

    private final boolean mustPreserveActiveTaskAssignment;

    /** An assignor that moves an active task off a client that has more than its share. */
    public StickyTaskAssignor() {
        this(false);
    }

    /**
     * An assignor that, if {@code mustPreserveActiveTaskAssignment}, leaves every active task on the client that ran
     * it, whatever its share, as Kafka Streams' does; the other tasks then go where there is room.
     */
    public StickyTaskAssignor(boolean mustPreserveActiveTaskAssignment) {
        this.mustPreserveActiveTaskAssignment = mustPreserveActiveTaskAssignment;
    }

    @Override
    public TaskAssignment assign(ApplicationState applicationState) {
        Map<ProcessId, KafkaStreamsState> clients = applicationState.kafkaStreamsStates(false);
        Map<ProcessId, KafkaStreamsAssignment> assignments = new LinkedHashMap<>();
        clients.keySet().forEach(client -> assignments.put(client, KafkaStreamsAssignment.of(client, Set.of())));
        List<TaskId> tasks = applicationState.allTasks().values().stream().map(TaskInfo::id).sorted(PARTITION_FIRST)
            .toList();
        assignActive(tasks, clients).forEach((task, client) ->
            assignments.get(client).assignTask(new AssignedTask(task, AssignedTask.Type.ACTIVE)));
        TaskAssignmentUtils.defaultStandbyTaskAssignment(applicationState, assignments);
        return new TaskAssignment(assignments.values());
    }

    /**
     * Returns each task's client: its previous one if it has room (or must keep it), else one with its standby, else
     * round-robin.
     */
    private Map<TaskId, ProcessId> assignActive(List<TaskId> tasks, Map<ProcessId, KafkaStreamsState> clients) {
        Map<TaskId, ProcessId> owners = new LinkedHashMap<>();
        List<ProcessId> threadSlots = threadSlots(clients);
        if (threadSlots.isEmpty()) {
            return owners;
        }
        int perThread = (tasks.size() + threadSlots.size() - 1) / threadSlots.size();
        Map<ProcessId, Integer> room = new HashMap<>();
        clients.forEach((client, state) -> room.put(client, perThread * state.numProcessingThreads()));
        List<TaskId> unassigned = giveWhere(tasks, (state, task) -> state.previousActiveTasks().contains(task),
            mustPreserveActiveTaskAssignment, clients, room, owners);
        List<TaskId> remaining = giveWhere(unassigned,
            (state, task) -> state.previousStandbyTasks().contains(task), false, clients, room, owners);
        int next = 0;
        for (TaskId task : remaining) {
            // Round-robin from where the last task went, skipping full clients (overfull ones, if tasks were kept);
            // the total room fits every task.
            while (room.get(threadSlots.get(next % threadSlots.size())) <= 0) {
                next++;
            }
            give(task, threadSlots.get(next % threadSlots.size()), owners, room);
            next++;
        }
        return owners;
    }

    /**
     * Returns one entry per stream thread: each client's first thread, in client order, then each client's second,
     * and so on, so that round-robin alternates between clients.
     */
    private static List<ProcessId> threadSlots(Map<ProcessId, KafkaStreamsState> clients) {
        List<ProcessId> slots = new ArrayList<>();
        int maxThreads = clients.values().stream().mapToInt(KafkaStreamsState::numProcessingThreads).max().orElse(0);
        for (int thread = 0; thread < maxThreads; thread++) {
            for (KafkaStreamsState state : clients.values()) {
                if (thread < state.numProcessingThreads()) {
                    slots.add(state.processId());
                }
            }
        }
        return slots;
    }

    /**
     * Gives each task to the first client with room (or any, if {@code evenIfFull}) for which {@code fits} holds;
     * returns the tasks no client took.
     */
    private static List<TaskId> giveWhere(List<TaskId> tasks, BiPredicate<KafkaStreamsState, TaskId> fits,
        boolean evenIfFull, Map<ProcessId, KafkaStreamsState> clients, Map<ProcessId, Integer> room,
        Map<TaskId, ProcessId> owners) {
        List<TaskId> left = new ArrayList<>();
        for (TaskId task : tasks) {
            KafkaStreamsState client = clients.values().stream()
                .filter(state -> (evenIfFull || room.get(state.processId()) > 0) && fits.test(state, task))
                .findFirst().orElse(null);
            if (client != null) {
                give(task, client.processId(), owners, room);
            } else {
                left.add(task);
            }
        }
        return left;
    }

    private static void give(TaskId task, ProcessId client, Map<TaskId, ProcessId> owners,
        Map<ProcessId, Integer> room) {
        owners.put(task, client);
        room.merge(client, -1, Integer::sum);
    }
}
