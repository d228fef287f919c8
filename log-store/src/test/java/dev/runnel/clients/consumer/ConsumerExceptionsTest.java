package dev.runnel.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.IsolationLevel;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.RetriableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsumerExceptionsTest {
    private static final TopicPartition CLICKS = new TopicPartition("clicks", 0);

    @Test
    void shouldCatchBothPositionErrorsAsInvalidOffsetException() {
        MockConsumer<String, String> consumer = new MockConsumer<>("none");
        consumer.assign(List.of(CLICKS));
        InvalidOffsetException noOffset = assertThrows(InvalidOffsetException.class,
            () -> consumer.poll(Duration.ZERO));
        assertInstanceOf(NoOffsetForPartitionException.class, noOffset);
        assertEquals(Set.of(CLICKS), noOffset.partitions());

        InvalidOffsetException outOfRange = new OffsetOutOfRangeException(Map.of(CLICKS, 42L));
        assertEquals(Set.of(CLICKS), outOfRange.partitions());
        assertEquals("Offsets out of range with no configured reset policy for partitions: {clicks-0=42}",
            outOfRange.getMessage());
    }

    @Test
    void shouldMatchKafkasHierarchyAndIds() {
        assertInstanceOf(RetriableException.class, new RetriableCommitFailedException(new RuntimeException()));
        assertEquals("read_committed", IsolationLevel.READ_COMMITTED.toString());
        assertEquals(IsolationLevel.READ_UNCOMMITTED, IsolationLevel.forId((byte) 0));
        assertEquals(1, IsolationLevel.READ_COMMITTED.id());
        assertThrows(IllegalArgumentException.class, () -> IsolationLevel.forId((byte) 2));
    }
}
