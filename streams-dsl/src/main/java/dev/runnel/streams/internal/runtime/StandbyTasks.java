package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Standby task placement and the user data that carries it. A standby task keeps a copy of a stateful task's stores
 * up to date from its changelog, so that the task can move to its instance without restoring the whole changelog.
 * Each stateful task gets up to {@code num.standby.replicas} standbys, on distinct instances (process ids) other
 * than the active task's, preferably on the members that held them before, else on the least loaded member.
 *
 * <p>Subscription user data, big-endian: processId (int16 length, UTF-8), then the standby tasks. Assignment user
 * data: the standby tasks. Tasks: count int32, then per task subtopology int32, partition int32. Stateless.
 */
final class StandbyTasks {
    private StandbyTasks() {
    }

    /** What a member's subscription says of it; a member without user data is its own process. */
    record MemberInfo(String processId, Set<TaskId> standbyTasks) {
        MemberInfo {
            standbyTasks = Set.copyOf(standbyTasks);
        }

        static MemberInfo decode(String memberId, ByteBuffer userData) {
            if (userData == null) {
                return new MemberInfo(memberId, Set.of());
            }
            ByteBuffer buffer = userData.duplicate();
            byte[] process = new byte[buffer.getShort()];
            buffer.get(process);
            return new MemberInfo(new String(process, StandardCharsets.UTF_8), readTasks(buffer));
        }

        ByteBuffer encode() {
            byte[] process = processId.getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.allocate(Short.BYTES + process.length + tasksSize(standbyTasks));
            buffer.putShort((short) process.length).put(process);
            writeTasks(buffer, standbyTasks);
            return buffer.flip();
        }
    }

    /** Returns the standby tasks in a member's assignment user data (none if it has none). */
    static Set<TaskId> decode(ByteBuffer userData) {
        return userData == null ? Set.of() : readTasks(userData.duplicate());
    }

    /** Encodes a member's standby tasks as its assignment user data. */
    static ByteBuffer encode(Set<TaskId> tasks) {
        ByteBuffer buffer = ByteBuffer.allocate(tasksSize(tasks));
        writeTasks(buffer, tasks);
        return buffer.flip();
    }

    /**
     * Places the standby tasks of the stateful tasks in {@code owners} (task to its active member).
     *
     * @return each member's standby tasks
     */
    static Map<String, Set<TaskId>> assign(Map<TaskId, String> owners, List<String> members,
        Map<String, MemberInfo> infos, int replicas, Set<Integer> statefulSubtopologies) {
        Map<String, Set<TaskId>> standbys = new HashMap<>();
        if (replicas <= 0) {
            return standbys;
        }
        Map<String, Integer> load = new HashMap<>();
        members.forEach(member -> load.put(member, 0));
        owners.values().forEach(owner -> load.merge(owner, 1, Integer::sum));
        for (Map.Entry<TaskId, String> task : owners.entrySet()) {
            if (!statefulSubtopologies.contains(task.getKey().subtopology())) {
                continue;
            }
            Set<String> usedProcesses = new HashSet<>();
            usedProcesses.add(infos.get(task.getValue()).processId());
            // Previous holders first (their copy is caught up), then the least loaded; the order is stable.
            List<String> candidates = new ArrayList<>(members);
            candidates.sort(Comparator.comparing((String m) -> !infos.get(m).standbyTasks().contains(task.getKey()))
                .thenComparing(load::get));
            for (String member : candidates) {
                if (usedProcesses.size() > replicas) {
                    break;
                }
                if (usedProcesses.add(infos.get(member).processId())) {
                    standbys.computeIfAbsent(member, m -> new TreeSet<>()).add(task.getKey());
                    load.merge(member, 1, Integer::sum);
                }
            }
        }
        return standbys;
    }

    private static int tasksSize(Set<TaskId> tasks) {
        return Integer.BYTES + tasks.size() * 2 * Integer.BYTES;
    }

    private static void writeTasks(ByteBuffer buffer, Set<TaskId> tasks) {
        buffer.putInt(tasks.size());
        for (TaskId task : tasks) {
            buffer.putInt(task.subtopology()).putInt(task.partition());
        }
    }

    private static Set<TaskId> readTasks(ByteBuffer buffer) {
        int count = buffer.getInt();
        Set<TaskId> tasks = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            tasks.add(new TaskId(buffer.getInt(), buffer.getInt()));
        }
        return tasks;
    }
}
