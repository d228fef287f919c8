package dev.runnel.clients.producer.internals;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.clients.producer.BufferExhaustedException;
import dev.runnel.common.errors.RetriableException;
import dev.runnel.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class BufferMemoryTest {
    @Test
    void shouldThrowBufferExhaustedWhenTheBufferStaysFullPastMaxBlock() {
        BufferMemory memory = new BufferMemory(100);
        memory.allocate(100, 0);
        // max.block.ms 0: no waiting, so no clock is involved.
        BufferExhaustedException e = assertThrows(BufferExhaustedException.class, () -> memory.allocate(1, 0));
        assertInstanceOf(TimeoutException.class, e, "handlers of Kafka's TimeoutException still catch it");
        memory.release(100);
        memory.allocate(1, 0);
    }

    /** As in Kafka, an exhausted buffer is a timeout and so retriable: a caller retrying retriable errors sees it. */
    @Test
    void shouldLetACallerRetryingRetriableErrorsCatchAnExhaustedBuffer() {
        BufferMemory memory = new BufferMemory(100);
        memory.allocate(100, 0);
        RetriableException caught = null;
        try {
            memory.allocate(1, 0);
        } catch (RetriableException e) {
            caught = e;
        }
        assertNotNull(caught, "the exhausted buffer escaped a catch of RetriableException");
        assertInstanceOf(BufferExhaustedException.class, caught);
    }
}
