package dev.runnel.streams.processor;

/** The clock that drives a {@link Punctuator}. */
public enum PunctuationType {
    /** Stream time: the largest record timestamp the task has seen; it advances only as records arrive. */
    STREAM_TIME,
    /** Wall-clock time of the runtime's {@code Time} (the test driver's {@code advanceWallClockTime}). */
    WALL_CLOCK_TIME
}
