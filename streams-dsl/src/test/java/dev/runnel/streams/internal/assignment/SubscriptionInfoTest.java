package dev.runnel.streams.internal.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.ProcessId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The user data stream threads exchange through the group survives the trip. */
class SubscriptionInfoTest {
    @Test
    void shouldDecodeWhatItEncodes() {
        SubscriptionInfo info = new SubscriptionInfo(ProcessId.randomProcessId(), Set.of(new TaskId(1, 2)),
            Map.of(new TaskId(0, 1), SubscriptionInfo.CAUGHT_UP, new TaskId(1, 2), 42L), "host-é:8080",
            Map.of("zone", "eu-1", "rack", "r2"));

        assertEquals(info, SubscriptionInfo.decode("member", info.encode()));
        AssignmentInfo assignment = new AssignmentInfo(Set.of(new TaskId(0, 0), new TaskId(3, 1)), 1_234L);
        assertEquals(assignment, AssignmentInfo.decode(assignment.encode()));
    }

    @Test
    void shouldTakeAMemberWithoutUserDataForAClientOfItsOwn() {
        SubscriptionInfo first = SubscriptionInfo.decode("member-1", null);

        assertEquals(first.processId(), SubscriptionInfo.decode("member-1", null).processId());
        assertNotEquals(first.processId(), SubscriptionInfo.decode("member-2", null).processId());
        assertEquals(Set.of(), first.standbyTasks());
        assertEquals(AssignmentInfo.EMPTY, AssignmentInfo.decode(null));
    }
}
