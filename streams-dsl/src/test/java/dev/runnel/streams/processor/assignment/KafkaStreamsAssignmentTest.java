package dev.runnel.streams.processor.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A client's assignment holds each task once, as active or standby. */
class KafkaStreamsAssignmentTest {
    private static final ProcessId CLIENT = ProcessId.randomProcessId();
    private static final TaskId TASK = new TaskId(0, 1);

    @Test
    void shouldRefuseATaskBothActiveAndStandby() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaStreamsAssignment.of(
            CLIENT, Set.of(new AssignedTask(TASK, AssignedTask.Type.ACTIVE),
                new AssignedTask(TASK, AssignedTask.Type.STANDBY))));
        assertTrue(e.getMessage().contains("0_1"), e.getMessage());
    }

    @Test
    void shouldReplaceATaskAssignedAgainAndRemoveOnlyItsOwnType() {
        KafkaStreamsAssignment assignment = KafkaStreamsAssignment.of(CLIENT,
            Set.of(new AssignedTask(TASK, AssignedTask.Type.STANDBY)));

        assignment.assignTask(new AssignedTask(TASK, AssignedTask.Type.ACTIVE));
        assignment.removeTask(new AssignedTask(TASK, AssignedTask.Type.STANDBY));

        assertEquals(Map.of(TASK, new AssignedTask(TASK, AssignedTask.Type.ACTIVE)), assignment.tasks());
        assignment.removeTask(new AssignedTask(TASK, AssignedTask.Type.ACTIVE));
        assertEquals(Map.of(), assignment.tasks());
    }

    @Test
    void shouldCopyTheAssignmentWithAFollowupRebalance() {
        KafkaStreamsAssignment assignment = KafkaStreamsAssignment.of(CLIENT,
            Set.of(new AssignedTask(TASK, AssignedTask.Type.ACTIVE)));

        KafkaStreamsAssignment later = assignment.withFollowupRebalance(Instant.ofEpochMilli(10));

        assertEquals(Optional.empty(), assignment.followupRebalanceDeadline());
        assertEquals(Optional.of(Instant.ofEpochMilli(10)), later.followupRebalanceDeadline());
        assertEquals(assignment.tasks(), later.tasks());
        assertEquals(CLIENT, later.processId());
    }
}
