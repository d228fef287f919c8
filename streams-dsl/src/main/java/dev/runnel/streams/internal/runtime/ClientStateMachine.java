package dev.runnel.streams.internal.runtime;

import dev.runnel.common.utils.Time;
import dev.runnel.streams.KafkaStreams.State;
import dev.runnel.streams.KafkaStreams.StateListener;
import dev.runnel.streams.errors.StreamsNotStartedException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's {@link State}: its transitions, checked against Kafka's state machine, the state listener they are
 * reported to, and waits for a state. Thread-safe: the state is guarded by this object's monitor, and the listener is
 * called outside it, on the thread that changed the state.
 */
public final class ClientStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(ClientStateMachine.class);

    private final String clientId;
    private final Time time;
    private State state = State.CREATED;
    private volatile StateListener listener;

    /** Creates the state machine of client {@code clientId}, in CREATED. */
    public ClientStateMachine(String clientId, Time time) {
        this.clientId = clientId;
        this.time = time;
    }

    /** Returns the current state. */
    public synchronized State state() {
        return state;
    }

    /** Sets the listener of state changes, {@code null} for none. */
    public void setListener(StateListener listener) {
        this.listener = listener;
    }

    /**
     * Moves to {@code newState} and tells the listener. A transition Kafka does not allow is refused (returns false)
     * once a shutdown has started or finished, and is a bug otherwise.
     *
     * @return whether the client is now in {@code newState}
     * @throws IllegalStateException on a transition Kafka does not allow before a shutdown
     */
    public boolean setState(State newState) {
        State old;
        synchronized (this) {
            old = state;
            if (old == newState) {
                return true;
            }
            if (!old.isValidTransition(newState)) {
                if (old.hasStartedOrFinishedShutdown()) {
                    return false;
                }
                throw new IllegalStateException("Stream-client " + clientId + ": Unexpected state transition from "
                    + old + " to " + newState);
            }
            state = newState;
            notifyAll();
        }
        LOG.info("stream-client [{}] State transition from {} to {}", clientId, old, newState);
        StateListener current = listener;
        if (current != null) {
            current.onChange(newState, old);
        }
        return true;
    }

    /** Waits up to {@code timeout} for {@code target}; returns whether the client reached it. */
    public boolean awaitState(State target, Duration timeout) {
        long deadline = saturatedDeadline(timeout);
        synchronized (this) {
            while (state != target) {
                long wait = deadline - time.milliseconds();
                if (wait <= 0) {
                    return false;
                }
                try {
                    wait(Math.min(wait, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private long saturatedDeadline(Duration timeout) {
        long now = time.milliseconds();
        long millis = timeout.toMillis() < 0 ? Long.MAX_VALUE : timeout.toMillis();
        return millis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + millis;
    }

    /**
     * Throws unless the client is CREATED, for the settings that only apply before the start.
     *
     * @param setting what the caller wants to set, named as Kafka's message names it, as in "StateListener"
     */
    public void requireCreated(String setting) {
        if (state() != State.CREATED) {
            throw new IllegalStateException("Can only set " + setting + " before calling start(). Current state is: "
                + state());
        }
    }

    /**
     * Returns the current state, after the start.
     *
     * @throws StreamsNotStartedException before the start
     */
    public State requireStarted() {
        State current = state();
        if (current == State.CREATED) {
            throw new StreamsNotStartedException("KafkaStreams has not been started, you can retry after calling"
                + " start()");
        }
        return current;
    }

    /**
     * Throws unless the client is RUNNING or REBALANCING, for the calls that read what the running client hosts.
     *
     * @throws StreamsNotStartedException before the start
     * @throws IllegalStateException once the client is no longer running
     */
    public void requireRunningOrRebalancing() {
        State current = requireStarted();
        if (!current.isRunningOrRebalancing()) {
            throw new IllegalStateException("KafkaStreams is not running. State is " + current + ".");
        }
    }
}
