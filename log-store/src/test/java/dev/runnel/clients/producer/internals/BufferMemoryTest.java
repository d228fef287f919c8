package dev.runnel.clients.producer.internals;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.clients.producer.BufferExhaustedException;
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
}
