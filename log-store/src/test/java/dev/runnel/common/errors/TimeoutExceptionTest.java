package dev.runnel.common.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.runnel.clients.producer.BufferExhaustedException;
import org.junit.jupiter.api.Test;

/** TimeoutException sits where Kafka's does: a RetriableException, with BufferExhaustedException below it. */
class TimeoutExceptionTest {
    @Test
    void shouldBeARetriableApiException() {
        assertEquals(RetriableException.class, TimeoutException.class.getSuperclass());
        assertInstanceOf(ApiException.class, new TimeoutException("timed out"));
    }

    @Test
    void shouldMakeAnExhaustedBufferRetriable() {
        assertEquals(TimeoutException.class, BufferExhaustedException.class.getSuperclass());
        assertInstanceOf(RetriableException.class, new BufferExhaustedException("full"));
    }
}
