package dev.runnel.streams.internal.assignment;

import dev.runnel.streams.processor.TaskId;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * What a stream thread's assignment holds beside its partitions: the standby tasks it keeps, and when it asks for a
 * follow-up rebalance ({@link #NO_FOLLOWUP} if it does not). Immutable.
 *
 * <p>User data, big-endian ({@link UserDataFormat}): standby tasks, then the follow-up rebalance time (int64, epoch
 * ms).
 */
public record AssignmentInfo(Set<TaskId> standbyTasks, long followupRebalanceMs) {
    /** The follow-up rebalance time of an assignment that asks for none. */
    public static final long NO_FOLLOWUP = -1L;
    /** The assignment of a member before its first rebalance. */
    static final AssignmentInfo EMPTY = new AssignmentInfo(Set.of(), NO_FOLLOWUP);

    public AssignmentInfo {
        standbyTasks = Set.copyOf(standbyTasks);
    }

    ByteBuffer encode() {
        return UserDataFormat.encode(out -> {
            UserDataFormat.writeTasks(out, standbyTasks);
            out.writeLong(followupRebalanceMs);
        });
    }

    /** Decodes a member's assignment user data; none means no standby tasks and no follow-up. */
    static AssignmentInfo decode(ByteBuffer userData) {
        return userData == null ? EMPTY : UserDataFormat.decode(userData, AssignmentInfo::read);
    }

    private static AssignmentInfo read(DataInputStream in) throws IOException {
        return new AssignmentInfo(UserDataFormat.readTasks(in), in.readLong());
    }
}
