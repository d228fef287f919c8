package dev.runnel.streams.processor;

/** A handle to stop a scheduled punctuation. */
@FunctionalInterface
public interface Cancellable {
    /** Stops future punctuations; calling it again has no effect. */
    void cancel();
}
