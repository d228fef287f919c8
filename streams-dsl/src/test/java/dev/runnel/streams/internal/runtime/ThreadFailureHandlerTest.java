package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadFailureHandlerTest {
    private final List<String> actions = new ArrayList<>();
    private final ThreadFailureHandler failures = new ThreadFailureHandler("app-1",
        thread -> actions.add("replace " + thread.threadId()), () -> actions.add("shutdown client"),
        () -> actions.add("shutdown application"));

    @Test
    void shouldShutTheClientDownWithoutAHandler() {
        failures.handle("app-1-StreamThread-1", new IllegalStateException("boom"), null);
        assertEquals(List.of("shutdown client"), actions);
    }

    @Test
    void shouldShutTheClientDownWhenTheHandlerThrows() {
        failures.setHandler(exception -> {
            throw new IllegalArgumentException("handler bug");
        });
        failures.handle("app-1-StreamThread-1", new IllegalStateException("boom"), null);
        assertEquals(List.of("shutdown client"), actions);
    }

    @Test
    void shouldShutTheClientDownWhenTheFailedThreadCannotBeReplaced() {
        failures.setHandler(exception -> StreamThreadExceptionResponse.REPLACE_THREAD);
        failures.handle("app-1-GlobalStreamThread", new IllegalStateException("boom"), null);
        assertEquals(List.of("shutdown client"), actions);
    }

    @Test
    void shouldShutTheApplicationDownWhenTheHandlerSaysSo() {
        List<Throwable> seen = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("boom");
        failures.setHandler(exception -> {
            seen.add(exception);
            return StreamThreadExceptionResponse.SHUTDOWN_APPLICATION;
        });
        failures.handle("app-1-StreamThread-1", failure, null);
        assertEquals(List.of(failure), seen);
        assertEquals(List.of("shutdown application"), actions);
    }
}
