package dev.runnel.streams.errors;

/** Decides what a stream thread does after an exception escaped its processing loop; called on that thread. */
@FunctionalInterface
public interface StreamsUncaughtExceptionHandler {
    /** Returns the action to take for {@code exception}. */
    StreamThreadExceptionResponse handle(Throwable exception);

    /** What to do with the failed thread. */
    enum StreamThreadExceptionResponse {
        /** Start a new thread in place of the failed one. */
        REPLACE_THREAD,
        /** Shut down this application instance. */
        SHUTDOWN_CLIENT,
        /** Shut down every instance of the application. */
        SHUTDOWN_APPLICATION
    }
}
