package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.KafkaStreams.State;
import dev.runnel.streams.errors.StreamsException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shuts a client down: a requested close, the shutdown after a fatal error, and the deletion of its local state once
 * it is down. Thread-safe: the state machine decides which shutdown runs, and each runs on a thread of its own.
 */
public final class ClientShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(ClientShutdown.class);

    private final String clientId;
    private final ClientStateMachine state;
    private final StreamThreads threads;
    private final Runnable release;

    /**
     * Creates the shutdown of client {@code clientId}, which stops {@code threads} and then runs {@code release} to
     * free what the client holds beyond its threads.
     */
    public ClientShutdown(String clientId, ClientStateMachine state, StreamThreads threads, Runnable release) {
        this.clientId = clientId;
        this.state = state;
        this.threads = threads;
        this.release = release;
    }

    /**
     * Stops the threads and waits up to {@code timeout} for them; an error shutdown under way is waited for instead.
     *
     * @param leaveGroup whether the stream threads' consumers leave the group even as static members
     * @return whether every thread stopped in time
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean close(Duration timeout, boolean leaveGroup) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("Timeout can't be negative.");
        }
        State current = state.state();
        if (current == State.ERROR || current == State.PENDING_ERROR) {
            LOG.info("stream-client [{}] Already in {}; close waits for the error shutdown", clientId, current);
            return state.awaitState(State.ERROR, timeout);
        }
        if (!state.setState(State.PENDING_SHUTDOWN)) {
            return state.awaitState(State.NOT_RUNNING, timeout);
        }
        // As in Kafka Streams: the client stays PENDING_SHUTDOWN until every thread has stopped, even after the
        // timeout (so that cleanUp() cannot delete state under a live thread); the caller waits up to the timeout.
        Thread closer = new Thread(() -> completeClose(leaveGroup), clientId + "-close");
        closer.setDaemon(true);
        closer.start();
        if (threads.isStreamThread(Thread.currentThread())) {
            // Called from a stream thread (a processor or handler): it cannot wait for itself.
            return false;
        }
        return state.awaitState(State.NOT_RUNNING, timeout);
    }

    /** Stops the threads, however long they take, and only then moves to NOT_RUNNING. */
    private void completeClose(boolean leaveGroup) {
        threads.stop(Long.MAX_VALUE, leaveGroup);
        release.run();
        state.setState(State.NOT_RUNNING);
    }

    /**
     * Closes a client whose start failed once it was REBALANCING, before its stream threads started: PENDING_SHUTDOWN,
     * then NOT_RUNNING.
     */
    public void closeAfterFailedStart() {
        state.setState(State.PENDING_SHUTDOWN);
        threads.stop(Long.MAX_VALUE, false);
        release.run();
        state.setState(State.NOT_RUNNING);
    }

    /** Moves to PENDING_ERROR, stops every thread (on a new thread, as this may run on a stream thread), then ERROR. */
    public void shutdownWithError() {
        if (!state.setState(State.PENDING_ERROR) || state.state() != State.PENDING_ERROR) {
            return;
        }
        Thread shutdown = new Thread(() -> {
            threads.stop(Long.MAX_VALUE, false);
            release.run();
            state.setState(State.ERROR);
        }, clientId + "-error-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
    }

    /**
     * Deletes the local state directory {@code dir}, only while the client does not run, and while no task of another
     * client of this process sharing the directory has its task directory open.
     *
     * @throws IllegalStateException if the client is running, or another client's task uses the directory
     * @throws StreamsException if the directory cannot be deleted
     */
    public void cleanUp(Path dir) {
        State current = state.state();
        if (current.isRunningOrRebalancing() || current.isShuttingDown()) {
            throw new IllegalStateException("Cannot clean up while running.");
        }
        try {
            Path inUse = TaskDirectoryClaims.deleteUnlessClaimedBelow(dir);
            if (inUse != null) {
                throw new IllegalStateException("Cannot clean up " + dir + ": task directory " + inUse + " is in use by"
                    + " another running client of this process that shares the state directory; close it first");
            }
        } catch (IOException e) {
            throw new StreamsException("Could not delete state directory " + dir + ": " + e, e);
        }
    }
}
