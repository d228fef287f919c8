package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.streams.CloseOptions.GroupMembershipOperation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** KIP-1153's close options: remain in the group and wait without bound by default; each with method copies. */
class CloseOptionsTest {
    @Test
    void shouldDefaultToRemainingInTheGroupAndWaitingWithoutBound() {
        CloseOptions byTimeout = CloseOptions.timeout(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(5), byTimeout.closeTimeout());
        assertFalse(byTimeout.leaveGroup());
        CloseOptions byOperation = CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP);
        assertEquals(Duration.ofMillis(Long.MAX_VALUE), byOperation.closeTimeout());
        assertTrue(byOperation.leaveGroup());
    }

    @Test
    void shouldReturnNewOptionsFromEachWithMethod() {
        CloseOptions base = CloseOptions.timeout(Duration.ofSeconds(5));
        CloseOptions leaving = base.withGroupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(1));
        assertTrue(leaving.leaveGroup());
        assertEquals(Duration.ofSeconds(1), leaving.closeTimeout());
        assertFalse(base.leaveGroup(), "the original is unchanged");
        assertEquals(Duration.ofSeconds(5), base.closeTimeout());
        assertThrows(NullPointerException.class, () -> base.withTimeout(null));
    }
}
