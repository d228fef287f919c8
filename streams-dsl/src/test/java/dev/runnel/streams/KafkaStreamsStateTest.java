package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.streams.KafkaStreams.State;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The client state's predicates hold in exactly the states Kafka Streams names. */
class KafkaStreamsStateTest {
    @Test
    void shouldNotHaveStartedOnlyWhenCreated() {
        assertEquals(EnumSet.of(State.CREATED), statesWhere(State::hasNotStarted));
    }

    @Test
    void shouldBeShuttingDownOnlyWhileAShutdownIsPending() {
        assertEquals(EnumSet.of(State.PENDING_SHUTDOWN, State.PENDING_ERROR), statesWhere(State::isShuttingDown));
    }

    @Test
    void shouldHaveStartedOrFinishedShuttingDownFromPendingOn() {
        Set<State> expected = EnumSet.of(State.PENDING_SHUTDOWN, State.NOT_RUNNING, State.PENDING_ERROR, State.ERROR);
        assertEquals(expected, statesWhere(State::hasStartedOrFinishedShuttingDown));
        assertEquals(expected, statesWhere(State::hasStartedOrFinishedShutdown));
    }

    private static Set<State> statesWhere(Predicate<State> predicate) {
        Set<State> states = EnumSet.noneOf(State.class);
        for (State state : State.values()) {
            if (predicate.test(state)) {
                states.add(state);
            }
        }
        return states;
    }
}
