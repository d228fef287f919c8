package dev.runnel.streams.internal.assignment;

import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.ProcessId;
import dev.runnel.streams.state.HostInfo;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a stream thread's subscription tells the assignor of the thread: its client (process id,
 * {@code application.server}, client tags), the standby tasks it keeps, and the offset sum of each task whose state
 * it has ({@link #CAUGHT_UP} for the tasks it runs). Immutable.
 *
 * <p>User data, big-endian ({@link UserDataFormat}): process id (two int64), standby tasks, offset sums (count int32,
 * then per task its id and the sum, int64), {@code application.server} (modified UTF-8, empty if unset), client tags
 * (count int32, then key and value, modified UTF-8).
 */
record SubscriptionInfo(ProcessId processId, Set<TaskId> standbyTasks, Map<TaskId, Long> taskOffsetSums,
                        String applicationServer, Map<String, String> clientTags) {
    /** The offset sum of a task that runs: its stores are at their changelogs' end. */
    static final long CAUGHT_UP = -2L;

    SubscriptionInfo {
        standbyTasks = Set.copyOf(standbyTasks);
        taskOffsetSums = Map.copyOf(taskOffsetSums);
        clientTags = Map.copyOf(clientTags);
    }

    /** Returns the client's {@code application.server}, if set. */
    Optional<HostInfo> hostInfo() {
        return Optional.ofNullable(HostInfo.buildFromEndpoint(applicationServer));
    }

    ByteBuffer encode() {
        return UserDataFormat.encode(out -> {
            out.writeLong(processId.id().getMostSignificantBits());
            out.writeLong(processId.id().getLeastSignificantBits());
            UserDataFormat.writeTasks(out, standbyTasks);
            out.writeInt(taskOffsetSums.size());
            for (Map.Entry<TaskId, Long> sum : taskOffsetSums.entrySet()) {
                UserDataFormat.writeTask(out, sum.getKey());
                out.writeLong(sum.getValue());
            }
            out.writeUTF(applicationServer);
            out.writeInt(clientTags.size());
            for (Map.Entry<String, String> tag : clientTags.entrySet()) {
                out.writeUTF(tag.getKey());
                out.writeUTF(tag.getValue());
            }
        });
    }

    /**
     * Decodes a member's user data; a member without any counts as a client of its own with nothing to report.
     */
    static SubscriptionInfo decode(String memberId, ByteBuffer userData) {
        if (userData == null) {
            UUID ownProcess = UUID.nameUUIDFromBytes(memberId.getBytes(StandardCharsets.UTF_8));
            return new SubscriptionInfo(new ProcessId(ownProcess), Set.of(), Map.of(), "", Map.of());
        }
        return UserDataFormat.decode(userData, SubscriptionInfo::read);
    }

    private static SubscriptionInfo read(DataInputStream in) throws IOException {
        ProcessId processId = new ProcessId(new UUID(in.readLong(), in.readLong()));
        Set<TaskId> standbys = UserDataFormat.readTasks(in);
        int sums = in.readInt();
        Map<TaskId, Long> offsetSums = new TreeMap<>();
        for (int i = 0; i < sums; i++) {
            offsetSums.put(UserDataFormat.readTask(in), in.readLong());
        }
        String applicationServer = in.readUTF();
        int tags = in.readInt();
        Map<String, String> clientTags = new TreeMap<>();
        for (int i = 0; i < tags; i++) {
            clientTags.put(in.readUTF(), in.readUTF());
        }
        return new SubscriptionInfo(processId, standbys, offsetSums, applicationServer, clientTags);
    }
}
