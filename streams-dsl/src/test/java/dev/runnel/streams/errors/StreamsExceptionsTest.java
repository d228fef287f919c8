package dev.runnel.streams.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.streams.processor.TaskId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Kafka Streams' exception hierarchy and constructors, so that ported catch blocks catch what they did. */
class StreamsExceptionsTest {
    private final RuntimeException cause = new RuntimeException("root cause");

    @Test
    void shouldKeepKafkasHierarchy() {
        for (InvalidStateStoreException e : List.of(new StateStoreMigratedException("m"),
            new StateStoreNotAvailableException("m"), new StreamsRebalancingException("m"),
            new StreamsNotStartedException("m", cause), new StreamsStoppedException("m", cause),
            new UnknownStateStoreException("m", cause), new InvalidStateStorePartitionException("m", cause))) {
            assertTrue(e instanceof StreamsException, e.getClass().getSimpleName());
        }
        for (StreamsException e : List.of(new ProcessorStateException(cause), new LockException(cause),
            new TaskMigratedException("m", cause), new TaskAssignmentException(cause),
            new TaskIdFormatException(cause), new MisconfiguredInternalTopicException("m"),
            new InternalTopicsAlreadySetupException("m"), new BrokerNotFoundException(cause),
            new InvalidStateStoreException(cause), new TopologyException(cause))) {
            assertTrue(e.getMessage() != null, e.getClass().getSimpleName());
        }
        assertSame(cause, new ProcessorStateException("m", cause).getCause());
        assertEquals("Invalid topology: root cause", new TopologyException(cause).getMessage());
    }

    @Test
    void shouldCarryTheTaskOnceKnown() {
        TaskId task = new TaskId(1, 2);
        assertEquals(Optional.of(task), new StreamsException(cause, task).taskId());
        StreamsException later = new StreamsException("failed", cause);
        assertEquals(Optional.empty(), later.taskId());
        later.setTaskId(task);
        assertEquals(Optional.of(task), later.taskId());
    }

    @Test
    void shouldNameTheTasksTopicsAndTopologyConcerned() {
        Set<TaskId> tasks = Set.of(new TaskId(0, 1));
        assertEquals(tasks, new TaskCorruptedException(tasks).corruptedTasks());
        assertSame(cause.getClass(), new TaskCorruptedException(tasks, new ProcessorStateException(cause)).getCause()
            .getCause().getClass());
        assertEquals(List.of("app-counts-changelog"),
            new MissingInternalTopicsException("missing", List.of("app-counts-changelog")).topics());
        assertTrue(new UnknownTopologyException("Cannot pause", "orders").getMessage().endsWith("orders"));
    }

    @Test
    void shouldRejectAMalformedTaskIdWithTaskIdFormatException() {
        assertEquals(new TaskId(3, 4), TaskId.parse("3_4"));
        // Kafka Streams' global task is -1_-1: ids may be negative.
        assertEquals(new TaskId(-1, -1), TaskId.parse("-1_-1"));
        assertEquals("orders__3_4", new TaskId(3, 4, "orders").toString());
        assertEquals(new TaskId(3, 4, "orders"), TaskId.parse("orders__3_4"));
        assertEquals(new TaskId(3, 4), new TaskId(3, 4, ""), "an empty topology name is none");
        assertThrows(IllegalStateException.class, () -> new TaskId(0, 0, "orders").compareTo(new TaskId(0, 0)));
        for (String malformed : List.of("34", "a_1", "1_b", "x__34")) {
            assertThrows(TaskIdFormatException.class, () -> TaskId.parse(malformed), malformed);
        }
    }
}
