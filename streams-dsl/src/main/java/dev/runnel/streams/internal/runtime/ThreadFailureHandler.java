package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler;
import dev.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an exception that escaped one of a client's threads: asks the user's {@link StreamsUncaughtExceptionHandler}
 * (none, or one that throws, means SHUTDOWN_CLIENT) and carries the response out. Thread-safe: the handler is set
 * before the start, and failures are handled on the failed thread.
 */
public final class ThreadFailureHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadFailureHandler.class);

    private final String clientId;
    private final Consumer<StreamThread> replaceThread;
    private final Runnable shutdownClient;
    private final Runnable shutdownApplication;
    private volatile StreamsUncaughtExceptionHandler handler;

    /**
     * Creates the failure handling of client {@code clientId}, which carries out REPLACE_THREAD with
     * {@code replaceThread}, SHUTDOWN_CLIENT with {@code shutdownClient} and SHUTDOWN_APPLICATION with
     * {@code shutdownApplication}.
     */
    public ThreadFailureHandler(String clientId, Consumer<StreamThread> replaceThread, Runnable shutdownClient,
        Runnable shutdownApplication) {
        this.clientId = clientId;
        this.replaceThread = replaceThread;
        this.shutdownClient = shutdownClient;
        this.shutdownApplication = shutdownApplication;
    }

    /** Sets the user's handler. */
    public void setHandler(StreamsUncaughtExceptionHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Applies the uncaught exception handler to the failure of a stream thread, or of one that cannot be replaced
     * ({@code replaceable} null: the global thread, or the start itself), for which REPLACE_THREAD shuts the client
     * down, as in Kafka Streams.
     */
    public void handle(String threadName, Throwable failure, StreamThread replaceable) {
        StreamThreadExceptionResponse response;
        StreamsUncaughtExceptionHandler current = handler;
        if (current == null) {
            LOG.error("stream-client [{}] Thread {} failed; no uncaught exception handler is set, so the client"
                + " shuts down", clientId, threadName, failure);
            response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        } else {
            try {
                response = current.handle(failure);
            } catch (RuntimeException e) {
                LOG.error("stream-client [{}] The uncaught exception handler failed; shutting down", clientId, e);
                response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        }
        LOG.warn("stream-client [{}] Thread {} failed ({}); response {}", clientId, threadName, failure.toString(),
            response);
        if (response == StreamThreadExceptionResponse.REPLACE_THREAD && replaceable == null) {
            LOG.error("stream-client [{}] Thread {} cannot be replaced; shutting the client down", clientId,
                threadName);
            response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        switch (response) {
            case REPLACE_THREAD -> replaceThread.accept(replaceable);
            case SHUTDOWN_APPLICATION -> shutdownApplication.run();
            default -> shutdownClient.run();
        }
    }
}
