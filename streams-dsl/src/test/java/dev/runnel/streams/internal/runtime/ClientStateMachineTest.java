package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.utils.ManualTime;
import dev.runnel.streams.KafkaStreams.State;
import dev.runnel.streams.errors.StreamsNotStartedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientStateMachineTest {
    private final ClientStateMachine machine = new ClientStateMachine("app-1", new ManualTime());

    @Test
    void shouldTellTheListenerEachTransitionOnce() {
        List<String> changes = new ArrayList<>();
        machine.setListener((newState, oldState) -> changes.add(oldState + "->" + newState));
        assertTrue(machine.setState(State.REBALANCING));
        assertTrue(machine.setState(State.REBALANCING));
        assertTrue(machine.setState(State.RUNNING));
        assertEquals(List.of("CREATED->REBALANCING", "REBALANCING->RUNNING"), changes);
        assertEquals(State.RUNNING, machine.state());
    }

    @Test
    void shouldRejectATransitionKafkaDoesNotAllowBeforeAShutdown() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> machine.setState(State.RUNNING));
        assertEquals("Stream-client app-1: Unexpected state transition from CREATED to RUNNING", e.getMessage());
        assertEquals(State.CREATED, machine.state());
    }

    @Test
    void shouldRefuseATransitionOnceAShutdownHasStarted() {
        machine.setState(State.REBALANCING);
        machine.setState(State.PENDING_SHUTDOWN);
        assertFalse(machine.setState(State.PENDING_ERROR));
        assertEquals(State.PENDING_SHUTDOWN, machine.state());
    }

    @Test
    void shouldReturnFromAwaitOnlyWhenTheStateIsReachedOrTheTimeoutIsOver() {
        assertTrue(machine.awaitState(State.CREATED, Duration.ZERO));
        assertFalse(machine.awaitState(State.RUNNING, Duration.ZERO));
    }

    @Test
    void shouldCheckTheStateForSettingsAndQueries() {
        machine.requireCreated("StateListener");
        assertThrows(StreamsNotStartedException.class, machine::requireStarted);
        assertThrows(StreamsNotStartedException.class, machine::requireRunningOrRebalancing);
        machine.setState(State.REBALANCING);
        assertEquals(State.REBALANCING, machine.requireStarted());
        machine.requireRunningOrRebalancing();
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> machine.requireCreated("StateListener"));
        assertEquals("Can only set StateListener before calling start(). Current state is: REBALANCING",
            e.getMessage());
        machine.setState(State.PENDING_SHUTDOWN);
        assertThrows(IllegalStateException.class, machine::requireRunningOrRebalancing);
    }
}
